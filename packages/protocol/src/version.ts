/** Protocol version reported by /health; bump on any incompatible wire change. */
export const version = '1';
