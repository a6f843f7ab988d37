/** A QR code drawn in the page (the `qrcode` package) as a data: URL; null while drawing or if it failed. */
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

export function useQrDataUrl(text: string, opts: { margin: number; width: number }): string | null {
  const [src, setSrc] = useState<string | null>(null);
  const { margin, width } = opts;
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(text, { errorCorrectionLevel: 'M', margin, width })
      .then((url) => live && setSrc(url))
      .catch(() => live && setSrc(null));
    return () => {
      live = false;
    };
  }, [text, margin, width]);
  return src;
}
