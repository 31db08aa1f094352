export const sessionTtlSeconds = 3600;
