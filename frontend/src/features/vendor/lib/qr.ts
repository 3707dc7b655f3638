/**
 * A QR code drawn as one SVG path: the setup code is made on the page from its `qr_payload`
 * (the server gives the text, not a picture). The matrix comes from @zxing/library's encoder,
 * loaded only when a code is shown; turning it into a path is pure and tested.
 */

/** What the encoder's ByteMatrix offers: its size and each module (1 dark, 0 light). */
export interface Modules {
  getWidth(): number;
  getHeight(): number;
  get(x: number, y: number): number;
}

/** The quiet zone around the code, in modules (the standard's four). */
export const QUIET = 4;

/**
 * The dark modules as one path, each row's runs of dark modules as one rectangle, offset by
 * the quiet zone; the viewBox is `size` × `size`.
 */
export function qrPath(modules: Modules, quiet = QUIET): { path: string; size: number } {
  const width = modules.getWidth();
  const height = modules.getHeight();
  const parts: string[] = [];
  for (let y = 0; y < height; y += 1) {
    let x = 0;
    while (x < width) {
      if (modules.get(x, y) !== 1) {
        x += 1;
        continue;
      }
      const start = x;
      while (x < width && modules.get(x, y) === 1) x += 1;
      parts.push(`M${start + quiet} ${y + quiet}h${x - start}v1h-${x - start}z`);
    }
  }
  return { path: parts.join(""), size: Math.max(width, height) + 2 * quiet };
}

/** The modules of `text` at error correction level M (as the tickets' codes are made). */
export async function encodeQr(text: string): Promise<Modules> {
  const { QRCodeEncoder, QRCodeDecoderErrorCorrectionLevel } = await import("@zxing/library");
  return QRCodeEncoder.encode(text, QRCodeDecoderErrorCorrectionLevel.M).getMatrix();
}
