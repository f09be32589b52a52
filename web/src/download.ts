import { ApiError, unauthorized, type Problem } from './api/client.js';
import { currentLang } from './i18n.js';
import { currentSession } from './session.js';

/** `attachment; filename="a.pdf"; filename*=UTF-8''a.pdf` → `a.pdf` (the UTF-8 form first). */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition ?? '');
  if (utf8) return decodeURIComponent(utf8[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition ?? '');
  return plain ? plain[1] : fallback;
}

/**
 * Downloads a file of the API with the bearer token (the app has no cookies, so a plain link would be refused):
 * fetched, kept as a blob, saved under the server's file name through an object URL.
 */
export async function download(path: string, fallbackName: string): Promise<string> {
  const session = currentSession();
  const request = new Request(`/api/v1${path}`, {
    headers: {
      ...(session ? { authorization: `Bearer ${session.token}` } : {}),
      'accept-language': currentLang(),
    },
  });
  const response = await fetch(request);
  if (response.status === 401) unauthorized(request);
  if (!response.ok) {
    const problem = (await response.json().catch(() => ({}))) as Partial<Problem>;
    throw new ApiError({ ...problem, status: response.status });
  }
  const name = fileNameOf(response.headers.get('content-disposition'), fallbackName);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return name;
}
