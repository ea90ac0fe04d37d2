import {
  to = processout_product.gift_card
  id = "prod_0123456789abcdefghijklmnopqrstuv"
}
