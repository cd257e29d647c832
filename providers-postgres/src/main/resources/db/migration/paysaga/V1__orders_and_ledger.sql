-- The postgres providers' schema: orders (OrderService) and a double-entry merchant ledger
-- (MerchantLedger). Every effect carries the idempotency key of its saga step under a UNIQUE
-- constraint, written in the transaction of the business change; a key voided by a compensation
-- that came first is a row of kind VOID under the same constraint, so a forward call and its undo
-- racing each other are decided by the index.

-- ------------------------------------------------------------------ orders
CREATE TABLE paysaga_orders (
  order_id     BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  payment_no   TEXT        NOT NULL,
  merchant_id  TEXT        NOT NULL,
  amount_minor BIGINT      NOT NULL CHECK (amount_minor > 0),
  currency     TEXT        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  status       TEXT        NOT NULL CHECK (status IN ('CREATED', 'PAID', 'CANCELLED')),
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT paysaga_orders_one_per_payment UNIQUE (payment_no)
);

-- One row per order call that took effect (CREATE, CANCEL, COMPLETE) or per forward key voided by
-- a cancel that found no order (VOID: order_id is null). A CREATE row is written first, to hold
-- the key, and gets its order_id in the same transaction.
CREATE TABLE paysaga_order_effects (
  idempotency_key TEXT        NOT NULL,
  kind            TEXT        NOT NULL CHECK (kind IN ('CREATE', 'CANCEL', 'COMPLETE', 'VOID')),
  payment_no      TEXT        NOT NULL,
  order_id        BIGINT REFERENCES paysaga_orders (order_id),
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT paysaga_order_effects_key UNIQUE (idempotency_key),
  CONSTRAINT paysaga_order_effects_order CHECK (kind <> 'VOID' OR order_id IS NULL)
);
CREATE INDEX paysaga_order_effects_payment ON paysaga_order_effects (payment_no);

-- ------------------------------------------------------------------ merchant ledger
-- A merchant not listed is active.
CREATE TABLE paysaga_merchants (
  merchant_id TEXT        PRIMARY KEY,
  frozen      BOOLEAN     NOT NULL DEFAULT false,
  updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One row per posting (CREDIT, REVERSAL of a credit, DEBIT for a refund, CREDIT_BACK of a debit)
-- or per forward key voided by an undo that found nothing to undo (VOID: no amount, no entries).
-- against_key: the credit a DEBIT refunds, or the forward a REVERSAL / CREDIT_BACK undoes.
CREATE TABLE paysaga_ledger_transactions (
  transaction_id  BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  idempotency_key TEXT        NOT NULL,
  kind            TEXT        NOT NULL CHECK (kind IN ('CREDIT', 'REVERSAL', 'DEBIT', 'CREDIT_BACK', 'VOID')),
  payment_no      TEXT        NOT NULL,
  refund_no       TEXT,
  merchant_id     TEXT,
  amount_minor    BIGINT,
  currency        TEXT,
  against_key     TEXT,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  CONSTRAINT paysaga_ledger_transactions_key UNIQUE (idempotency_key),
  CONSTRAINT paysaga_ledger_transactions_posting CHECK (kind = 'VOID'
      OR (amount_minor > 0 AND merchant_id IS NOT NULL AND currency ~ '^[A-Z]{3}$')),
  CONSTRAINT paysaga_ledger_transactions_against CHECK ((kind IN ('CREDIT', 'VOID')) = (against_key IS NULL))
);
CREATE INDEX paysaga_ledger_transactions_payment ON paysaga_ledger_transactions (payment_no);
CREATE INDEX paysaga_ledger_transactions_against ON paysaga_ledger_transactions (against_key);
-- A forward is undone at most once, whatever key the undo comes with.
CREATE UNIQUE INDEX paysaga_ledger_one_undo ON paysaga_ledger_transactions (against_key)
  WHERE kind IN ('REVERSAL', 'CREDIT_BACK');

-- The legs of a posting: signed amounts in minor units; the legs of a transaction add up to zero
-- (checked at commit by the constraint trigger below).
CREATE TABLE paysaga_ledger_entries (
  entry_id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  transaction_id BIGINT NOT NULL REFERENCES paysaga_ledger_transactions (transaction_id),
  account        TEXT   NOT NULL,
  amount_minor   BIGINT NOT NULL CHECK (amount_minor <> 0),
  currency       TEXT   NOT NULL CHECK (currency ~ '^[A-Z]{3}$')
);
CREATE INDEX paysaga_ledger_entries_transaction ON paysaga_ledger_entries (transaction_id);
CREATE INDEX paysaga_ledger_entries_account ON paysaga_ledger_entries (account);

CREATE FUNCTION paysaga_ledger_check_balanced() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  unbalanced BIGINT;
BEGIN
  SELECT sum(amount_minor) INTO unbalanced
    FROM paysaga_ledger_entries WHERE transaction_id = NEW.transaction_id;
  IF unbalanced <> 0 THEN
    RAISE EXCEPTION 'ledger transaction % does not balance: its entries add up to %',
      NEW.transaction_id, unbalanced USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER paysaga_ledger_entries_balanced
  AFTER INSERT OR UPDATE ON paysaga_ledger_entries
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION paysaga_ledger_check_balanced();
