import { total } from '../../cart/src/cart';

export function placeOrder(lines: Parameters<typeof total>[0]): number {
  return total(lines, () => 1);
}
