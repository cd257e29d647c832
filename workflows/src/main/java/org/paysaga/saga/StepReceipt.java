package org.paysaga.saga;

/**
 * What every saga activity returns: a reference to the effect it made (charge ID, ledger entry,
 * or a note that nothing needed doing) and the attempt that produced it, so the saga can report
 * attempts without reading its own history.
 */
public record StepReceipt(String reference, int attempt) {}
