// A QR code drawn as inline SVG by the page itself: one path of dark squares from the `qrcode` package's
// module matrix. No script, no style attribute, no raw markup: it prints sharply and passes our CSP.
import QRCode from 'qrcode';

/** The path of every dark module, one unit square each, inside a 4-module quiet zone. */
function modulesPath(text: string): { size: number; path: string } {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  const parts: string[] = [];
  for (let row = 0; row < modules.size; row += 1) {
    for (let col = 0; col < modules.size; col += 1) {
      if (modules.get(row, col) === 1) parts.push(`M${col + quiet} ${row + quiet}h1v1h-1z`);
    }
  }
  return { size: modules.size + 2 * quiet, path: parts.join('') };
}

export function QrCode({ text, label, size = 160 }: { text: string; label: string; size?: number }) {
  const drawn = modulesPath(text);
  return (
    <svg
      class="qr-code"
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${drawn.size} ${drawn.size}`}
      width={size}
      height={size}
      role="img"
      aria-label={label}
      shape-rendering="crispEdges"
    >
      <rect width={drawn.size} height={drawn.size} fill="#fff" />
      <path d={drawn.path} fill="#000" />
    </svg>
  );
}
