// Package iso4217 holds the active ISO 4217 currency codes: the provider
// checks currency attributes against them at plan time, and the emulator
// accepts them as ProcessOut does.
package iso4217

import "strings"

// codes are the alphabetic codes of ISO 4217 List One (current currency and
// funds codes), as published by SIX, the standard's maintenance agency:
// https://www.six-group.com/en/products-services/financial-information/data-standards.html
// It includes the fund codes (CHE, USN, …) and ANG next to its 2025
// successor XCG. Left out: precious metals and testing codes (XAU, XAG, XPT,
// XPD, XBA…XBD, XDR, XSU, XUA, XTS, XXX), which cannot be used for
// payments, and withdrawn codes (HRK, CUC, …), except SLL, which many
// payment systems still accept next to SLE.
var codes = func() map[string]bool {
	set := map[string]bool{}
	for _, c := range strings.Fields(`
AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB
BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP
CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ
GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW
KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR
MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN
PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN
SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW
UZS VED VES VND VUV WST XAF XCD XCG XOF XPF YER ZAR ZMW ZWG ZWL`) {
		set[c] = true
	}
	return set
}()

// Active reports whether code is an active ISO 4217 code. Codes are
// upper case: "usd" is not one.
func Active(code string) bool { return codes[code] }
