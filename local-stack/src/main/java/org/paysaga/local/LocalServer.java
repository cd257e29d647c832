package org.paysaga.local;

/** A server the local stack started; closing it stops it. */
interface LocalServer extends AutoCloseable {
  @Override
  void close();
}
