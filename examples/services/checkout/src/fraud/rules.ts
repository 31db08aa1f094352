export const maxOrderValue = 5_000;
