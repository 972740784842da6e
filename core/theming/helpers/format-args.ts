// Handlebars passes its options object as the last argument: a helper called without a value must see none.
export function arg<T>(value: T): T | undefined {
  return value !== null && typeof value === 'object' && 'hash' in value && 'data' in value
    ? undefined
    : value;
}
