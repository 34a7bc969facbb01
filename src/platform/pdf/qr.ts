// How much a printed QR code may carry and still be read by an ordinary phone camera.
import QRCode from 'qrcode';

/**
 * The largest QR code version we print: 25 is 117 × 117 modules, about 1,000 bytes at error correction M,
 * and at 60 mm on paper a module is half a millimetre. Larger codes (up to version 40, 2,331 bytes) exist,
 * but their modules get too small for phone cameras on a printed page.
 */
export const MAX_PRINTED_QR_VERSION = 25;

/** True when `text` fits a QR code (error correction M) of version `MAX_PRINTED_QR_VERSION` or less. */
export function fitsPrintedQr(text: string): boolean {
  try {
    return QRCode.create(text, { errorCorrectionLevel: 'M' }).version <= MAX_PRINTED_QR_VERSION;
  } catch {
    return false; // beyond even version 40
  }
}
