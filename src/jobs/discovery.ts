import { DiscoveryService, MetadataScanner } from '@nestjs/core';

export interface DiscoveredMethod<M> {
  /** What the decorator recorded on the method. */
  meta: M;
  /** The method, bound to its provider. */
  call: (...args: never[]) => unknown;
}

/** The methods of every provider marked with `key` (by SetMetadata), found at boot. */
export function discoverMethods<M>(
  discovery: DiscoveryService,
  scanner: MetadataScanner,
  key: string,
): DiscoveredMethod<M>[] {
  const found: DiscoveredMethod<M>[] = [];
  for (const wrapper of discovery.getProviders()) {
    const instance = wrapper.instance as Record<string, unknown> | undefined;
    if (!instance || typeof instance !== 'object') continue;
    for (const method of scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
      const meta = Reflect.getMetadata(key, instance[method] as object) as M | undefined;
      if (meta === undefined) continue;
      found.push({ meta, call: (instance[method] as (...args: never[]) => unknown).bind(instance) });
    }
  }
  return found;
}
