// Package paysaga starts, awaits and reads the payment sagas of the payment-saga workers from Go,
// on the same contracts as the Java PaymentSagaClient: the workflow IDs and types, the request
// rules, the JSON of SagaState and the AES-256-GCM payload encryption (contracts/ at the
// repository root holds the shared test vectors).
package paysaga

import (
	"fmt"
	"math/big"
	"regexp"
	"strings"
	"unicode"
)

var (
	paymentNoPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
	merchantPattern  = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
	cardTokenPattern = regexp.MustCompile(`^[A-Za-z0-9_.:-]{1,128}$`)
	refundNoPattern  = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
	decimalPattern   = regexp.MustCompile(`^[0-9]+(\.[0-9]+)?$`)
	currencyPattern  = regexp.MustCompile(`^[A-Z]{3}$`)
	maxLong          = new(big.Int).SetUint64(1<<63 - 1)
)

// PaymentRequest is a payment to run as a saga, as the Java record org.paysaga.payment.PaymentRequest
// serializes: the amount in minor units of the currency. Build one from user input with ParseRequest.
type PaymentRequest struct {
	PaymentNo   string `json:"paymentNo"`
	MerchantID  string `json:"merchantId"`
	AmountMinor int64  `json:"amountMinor"`
	Currency    string `json:"currency"`
	CardToken   string `json:"cardToken"`
}

// SagaID is the workflow ID of the payment's saga, its lock: payment-<paymentNo>.
func (r PaymentRequest) SagaID() string { return PaymentWorkflowIDPrefix + r.PaymentNo }

// String leaves the card token out, as Java's toString does.
func (r PaymentRequest) String() string {
	return fmt.Sprintf("PaymentRequest[paymentNo=%s, merchantId=%s, amount=%s %s]",
		r.PaymentNo, r.MerchantID, FormatMoney(r.AmountMinor, r.Currency), r.Currency)
}

// RefundRequest is a refund of all or part of a completed payment (org.paysaga.refund.RefundRequest):
// the payment as it was paid, and the amount in its minor units (0: the whole payment).
type RefundRequest struct {
	RefundNo    string         `json:"refundNo"`
	Payment     PaymentRequest `json:"payment"`
	AmountMinor int64          `json:"amountMinor"`
}

// SagaID is the workflow ID of the refund's saga: refund-<refundNo>.
func (r RefundRequest) SagaID() string { return RefundWorkflowIDPrefix + r.RefundNo }

// ParseRequest builds a request from user input (a decimal amount such as "12.34"), or fails with
// an *InvalidRequestError naming the first bad field, in the order and with the rules of Java's
// PaymentRequests.parse; a card number (PAN) in place of the token is refused too.
// A nil pointer stands for Java's null (a missing field).
func ParseRequest(paymentNo, merchantID, amount, currency, cardToken string) (PaymentRequest, error) {
	return parse(&paymentNo, &merchantID, &amount, &currency, &cardToken)
}

func parse(paymentNo, merchantID, amount, currency, cardToken *string) (PaymentRequest, error) {
	if err := checkPaymentNo(paymentNo); err != nil {
		return PaymentRequest{}, err
	}
	if err := checkMerchant(merchantID); err != nil {
		return PaymentRequest{}, err
	}
	minor, err := parseMoney(amount, currency)
	if err != nil {
		return PaymentRequest{}, err
	}
	if err := refuseCardNumber(cardToken); err != nil {
		return PaymentRequest{}, err
	}
	if err := checkCardToken(cardToken); err != nil {
		return PaymentRequest{}, err
	}
	return PaymentRequest{*paymentNo, *merchantID, minor, *currency, *cardToken}, nil
}

// ValidateRequest checks a request already in minor units (Java's PaymentRequests.validate, which
// the workflow runs again on its input) plus the card-number refusal of a start.
func ValidateRequest(r PaymentRequest) error {
	if err := refuseCardNumber(&r.CardToken); err != nil {
		return err
	}
	return validate(r)
}

func validate(r PaymentRequest) error {
	if err := checkPaymentNo(&r.PaymentNo); err != nil {
		return err
	}
	if err := checkMerchant(&r.MerchantID); err != nil {
		return err
	}
	if _, err := MinorDigits(r.Currency); err != nil {
		return err
	}
	if r.AmountMinor <= 0 {
		return invalid("amount", "must be greater than zero")
	}
	return checkCardToken(&r.CardToken)
}

// ValidateRefund checks a refund request as Java's RefundRequest.validate does.
func ValidateRefund(r RefundRequest) error {
	if !refundNoPattern.MatchString(r.RefundNo) {
		return invalid("refundNo", "must be 1 to 64 letters, digits, '-' or '_'")
	}
	if err := validate(r.Payment); err != nil {
		return err
	}
	if r.AmountMinor < 0 {
		return invalid("amount", "must be positive")
	}
	toRefund := r.AmountMinor
	if toRefund == 0 {
		toRefund = r.Payment.AmountMinor
	}
	if toRefund > r.Payment.AmountMinor {
		return invalid("amount", "must not be more than the payment's "+FormatMoney(r.Payment.AmountMinor, r.Payment.Currency))
	}
	return nil
}

func isBlank(s *string) bool { return s == nil || strings.TrimFunc(*s, javaWhitespace) == "" }

// javaWhitespace is Java's Character.isWhitespace (String.isBlank and strip): Unicode space
// separators except the no-break ones, and \t \n \v \f \r and U+001C to U+001F.
func javaWhitespace(r rune) bool {
	switch {
	case r == '\u00A0' || r == '\u2007' || r == '\u202F':
		return false
	case unicode.In(r, unicode.Zs, unicode.Zl, unicode.Zp):
		return true
	default:
		return r >= '\t' && r <= '\r' || r >= '\u001C' && r <= '\u001F'
	}
}

func checkPaymentNo(paymentNo *string) error {
	if isBlank(paymentNo) {
		return invalid("paymentNo", "is required")
	}
	if !paymentNoPattern.MatchString(*paymentNo) {
		return invalid("paymentNo", "'"+*paymentNo+"' must be 1 to 64 letters, digits, '-' or '_'")
	}
	return nil
}

func checkMerchant(merchantID *string) error {
	if isBlank(merchantID) {
		return invalid("merchantId", "is required")
	}
	if !merchantPattern.MatchString(*merchantID) {
		return invalid("merchantId", "'"+*merchantID+"' must be 1 to 64 letters, digits, '-' or '_'")
	}
	return nil
}

func refuseCardNumber(cardToken *string) error {
	if cardToken != nil && IsPANShaped(*cardToken) {
		return invalid("cardToken", "looks like a card number (PAN); pass the payment channel's token for the card instead")
	}
	return nil
}

func checkCardToken(cardToken *string) error {
	if isBlank(cardToken) {
		return invalid("cardToken", "is required")
	}
	if !cardTokenPattern.MatchString(*cardToken) {
		return invalid("cardToken", "must be 1 to 128 letters, digits, '-', '_', '.' or ':'")
	}
	return nil
}

// ParseMoney parses "12.34" in "CNY" to 1234 minor units, with the rules of Java's Money.parse:
// the currency first, then a plain positive decimal no more precise than the currency.
func ParseMoney(amount, currency string) (int64, error) { return parseMoney(&amount, &currency) }

func parseMoney(amount, currency *string) (int64, error) {
	digits, err := minorDigits(currency)
	if err != nil {
		return 0, err
	}
	cur := *currency
	if isBlank(amount) {
		return 0, invalid("amount", "is required (a decimal such as 12.34)")
	}
	trimmed := strings.TrimFunc(*amount, func(r rune) bool { return r <= ' ' })
	if !decimalPattern.MatchString(trimmed) {
		return 0, invalid("amount", "'"+*amount+"' is not a plain decimal number such as 12.34")
	}
	whole, frac, _ := strings.Cut(trimmed, ".")
	frac = strings.TrimRight(frac, "0")
	value, _ := new(big.Int).SetString(whole+frac, 10)
	if value.Sign() <= 0 {
		return 0, invalid("amount", "must be greater than zero")
	}
	if len(frac) > digits {
		return 0, invalid("amount", fmt.Sprintf("'%s' has more than %d decimal places, the precision of %s", *amount, digits, cur))
	}
	minor := value.Mul(value, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(digits-len(frac))), nil))
	if minor.Cmp(maxLong) > 0 {
		return 0, invalid("amount", "is too large")
	}
	return minor.Int64(), nil
}

// FormatMoney formats 1234 minor units of CNY as "12.34" (an unknown currency: the bare number).
func FormatMoney(amountMinor int64, currency string) string {
	digits, err := MinorDigits(currency)
	if err != nil || digits == 0 {
		return fmt.Sprint(amountMinor)
	}
	r := new(big.Rat).SetFrac(big.NewInt(amountMinor), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(digits)), nil))
	return r.FloatString(digits)
}

// MinorDigits is the number of decimal places of an ISO 4217 currency (2 for CNY, 0 for JPY): the
// codes Java's java.util.Currency knows with default fraction digits (contracts/currencies.json).
func MinorDigits(currency string) (int, error) { return minorDigits(&currency) }

func minorDigits(currency *string) (int, error) {
	if isBlank(currency) {
		return 0, invalid("currency", "is required (an ISO 4217 code such as CNY)")
	}
	if !currencyPattern.MatchString(*currency) {
		return 0, invalid("currency", "'"+*currency+"' is not an ISO 4217 code (three upper-case letters such as CNY)")
	}
	digits, ok := currencyDigits[*currency]
	if !ok {
		return 0, invalid("currency", "'"+*currency+"' is not a known ISO 4217 currency")
	}
	return digits, nil
}

// IsPANShaped reports whether the value looks like a card number rather than a channel's token:
// 13 to 19 digits, optionally grouped by spaces or dashes, that pass the Luhn check
// (Java's CardTokens.isPanShaped).
func IsPANShaped(value string) bool {
	trimmed := strings.TrimFunc(value, javaWhitespace)
	digits := make([]byte, 0, len(trimmed))
	for i := 0; i < len(trimmed); i++ {
		c := trimmed[i]
		switch {
		case c >= '0' && c <= '9':
			digits = append(digits, c)
		case c != ' ' && c != '-':
			return false
		}
	}
	return len(digits) >= 13 && len(digits) <= 19 && luhn(digits)
}

func luhn(digits []byte) bool {
	sum, twice := 0, false
	for i := len(digits) - 1; i >= 0; i-- {
		d := int(digits[i] - '0')
		if twice {
			d *= 2
			if d > 9 {
				d -= 9
			}
		}
		sum += d
		twice = !twice
	}
	return sum%10 == 0
}
