export interface Address {
  readonly line1: string;
  readonly city: string;
  readonly postcode: string;
}
