// Mirrors the API's scope rules (`resource:action`, `resource:*`, `*`) so the panel only offers
// what the key may do. The API still decides; this only hides buttons that would be refused.
export function hasScope(scopes: readonly string[], needed: string): boolean {
  const [resource] = needed.split(':');
  return scopes.some((scope) => scope === '*' || scope === needed || scope === `${resource}:*`);
}
