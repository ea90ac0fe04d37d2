# An Apple Pay alternative merchant certificate is imported by its ID; the
# processout_applepay_alternative_merchant_certificates data source lists them.
terraform import processout_applepay_alternative_merchant_certificate.web amc_0123456789abcdefghijklmnopqrstuv
