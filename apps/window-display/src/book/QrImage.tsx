/**
 * The check-in QR code of a booking, drawn in the page from the signed ASCII token (QR
 * alphanumeric mode, version ≤ 4). The token is also shown as text for a kiosk without a
 * scanner; the 预约码 + ID number work too.
 */
import { useQrDataUrl } from '../common/use-qr-data-url.js';

export function QrImage({ token }: { token: string }) {
  const src = useQrDataUrl(token, { margin: 2, width: 240 });
  return (
    <div className="qr-image" data-testid="qr-image" aria-label="签到二维码">
      {src ? <img src={src} alt="签到二维码" width={240} height={240} data-testid="qr-img" /> : <div className="qr-note">签到二维码生成中…</div>}
      <code className="qr-token" data-testid="qr-token">
        {token}
      </code>
    </div>
  );
}
