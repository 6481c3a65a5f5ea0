/**
 * org.apache.zookeeper.server.auth.ProviderRegistry with its 3.9.5 defaults: the "ip" and "digest"
 * providers and nothing else (no `zookeeper.authProvider.*` in the model's zoo.cfg).
 */
import type { AuthenticationProvider } from './AuthenticationProvider';
import { DigestAuthenticationProvider } from './DigestAuthenticationProvider';
import { IPAuthenticationProvider } from './IPAuthenticationProvider';

const PROVIDERS = new Map<string, AuthenticationProvider>([
  ['ip', IPAuthenticationProvider],
  ['digest', DigestAuthenticationProvider],
]);

/** ProviderRegistry.getServerProvider(scheme): null for any scheme without a provider. */
export function getServerProvider(scheme: string): AuthenticationProvider | null {
  return PROVIDERS.get(scheme) ?? null;
}
