/** Shared input rules, so every domain refuses the same bad values the same way. */

const HOSTNAME_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

export function isHostname(value: string): boolean {
  if (value.length < 1 || value.length > 253) return false;
  const labels = value.split('.');
  return labels.length >= 2 && labels.every((l) => HOSTNAME_LABEL.test(l));
}

export function isEmail(value: string): boolean {
  return value.length <= 254 && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value);
}

/** Lowercase slug: brands, regions, clusters, shards. */
export function isSlug(value: string, max = 40): boolean {
  return value.length >= 2 && value.length <= max && /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(value);
}

export function isIpAddress(value: string): boolean {
  const v4 = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;
  return v4.test(value) || (/^[0-9a-f:]+$/i.test(value) && value.includes(':') && value.length <= 39);
}

/** Trims; empty becomes null. */
export function optionalText(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
