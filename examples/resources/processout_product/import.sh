# A product is imported by its ID.
terraform import processout_product.gift_card prod_0123456789abcdefghijklmnopqrstuv
