import {
  to = processout_applepay_alternative_merchant_certificate.web
  id = "amc_0123456789abcdefghijklmnopqrstuv"
}
