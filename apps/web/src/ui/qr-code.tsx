import qrcode from 'qrcode-generator';

/**
 * A QR code drawn as SVG elements (no data: URL, no canvas), so the strict Content-Security-Policy holds.
 * Error correction M; a four-module quiet zone as the standard asks.
 */
export function QrCode(props: Readonly<{ text: string; label: string; size?: number }>) {
  const qr = qrcode(0, 'M');
  qr.addData(props.text);
  qr.make();
  const count = qr.getModuleCount();
  const quiet = 4;
  const cells: string[] = [];
  for (let row = 0; row < count; row++)
    for (let col = 0; col < count; col++)
      if (qr.isDark(row, col)) cells.push(`M${col + quiet} ${row + quiet}h1v1h-1z`);
  const extent = count + quiet * 2;
  return (
    <svg
      class="qr"
      role="img"
      aria-label={props.label}
      viewBox={`0 0 ${extent} ${extent}`}
      width={props.size ?? 240}
      height={props.size ?? 240}
      shape-rendering="crispEdges"
    >
      <rect width={extent} height={extent} fill="#fff" />
      <path d={cells.join('')} fill="#000" />
    </svg>
  );
}
