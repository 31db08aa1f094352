export function CheckoutPage(): string {
  return '<main>Checkout</main>';
}
