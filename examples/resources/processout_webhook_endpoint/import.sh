# A webhook endpoint is imported by its ID.
terraform import processout_webhook_endpoint.audit whe_0123456789abcdefghijklmnopqrstuv
