resource "null_resource" "placeholder" {}
