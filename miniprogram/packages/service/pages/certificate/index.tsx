import { useEffect, useState } from 'react';
import { Canvas, Image, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { Button } from '@nutui/nutui-react-taro';
import { hoursText, type ServiceCertificate } from '../../../../../typings/service';
import { PageState } from '../../../../components/state-view';
import { api } from '../../../../services/api';
import { usePageClass } from '../../../../services/care';
import { useApi } from '../../../../services/useApi';
import '../service.scss';

const isWeapp = process.env.TARO_ENV === 'weapp';
const RED = '#c8161d';
const INK = '#262626';

/** What both canvases (WeChat's and the browser's) offer for drawing: the 2D context's common part. */
interface Pen {
  fillStyle: string | CanvasGradient | CanvasPattern;
  strokeStyle: string | CanvasGradient | CanvasPattern;
  lineWidth: number;
  font: string;
  textAlign: CanvasTextAlign;
  textBaseline: CanvasTextBaseline;
  fillRect(x: number, y: number, w: number, h: number): void;
  strokeRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  measureText(text: string): { width: number };
  scale(x: number, y: number): void;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  stroke(): void;
}

interface CanvasNode {
  width: number;
  height: number;
  getContext(kind: '2d'): Pen;
  toDataURL?: (type?: string) => string;
}

/** Breaks a paragraph into lines no wider than `width` (Chinese text breaks anywhere). */
function wrap(pen: Pen, text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const ch of text) {
    if (pen.measureText(line + ch).width > width && line) {
      lines.push(line);
      line = ch;
    } else line += ch;
  }
  if (line) lines.push(line);
  return lines;
}

/** The certificate, drawn on a `w`×`h` canvas (logical pixels): a white page with a red frame, large type. */
function drawCertificate(pen: Pen, w: number, h: number, c: ServiceCertificate): void {
  const u = w / 300;
  pen.fillStyle = '#ffffff';
  pen.fillRect(0, 0, w, h);
  pen.strokeStyle = RED;
  pen.lineWidth = 3 * u;
  pen.strokeRect(10 * u, 10 * u, w - 20 * u, h - 20 * u);
  pen.lineWidth = 1 * u;
  pen.strokeRect(16 * u, 16 * u, w - 32 * u, h - 32 * u);
  pen.textAlign = 'center';
  pen.textBaseline = 'top';
  pen.fillStyle = RED;
  pen.font = `bold ${26 * u}px sans-serif`;
  pen.fillText('志愿服务证书', w / 2, 44 * u);
  pen.beginPath();
  pen.moveTo(60 * u, 84 * u);
  pen.lineTo(w - 60 * u, 84 * u);
  pen.stroke();
  pen.textAlign = 'left';
  pen.fillStyle = INK;
  pen.font = `${17 * u}px sans-serif`;
  pen.fillText(`${c.name} 同志：`, 34 * u, 104 * u);
  const body = `在 ${c.year} 年度积极参加志愿服务 ${c.times} 次，经组织确认，累计服务时长`;
  let y = 136 * u;
  for (const line of wrap(pen, `\u3000\u3000${body}`, w - 68 * u)) {
    pen.fillText(line, 34 * u, y);
    y += 28 * u;
  }
  pen.textAlign = 'center';
  pen.fillStyle = RED;
  pen.font = `bold ${48 * u}px sans-serif`;
  pen.fillText(`${hoursText(c.hours)} 小时`, w / 2, y + 10 * u);
  pen.fillStyle = INK;
  pen.font = `${17 * u}px sans-serif`;
  pen.fillText('特发此证，以资鼓励。', w / 2, y + 84 * u);
  pen.textAlign = 'right';
  pen.font = `${15 * u}px sans-serif`;
  const org = wrap(pen, c.orgName, w - 80 * u);
  let fy = h - 74 * u - (org.length - 1) * 22 * u;
  for (const line of org) {
    pen.fillText(line, w - 34 * u, fy);
    fy += 22 * u;
  }
  pen.fillText(c.issued, w - 34 * u, h - 32 * u - 8 * u);
}

/** The year's volunteer hours as a certificate picture: drawn on a canvas, then shared or saved as an image. */
export default function CertificatePage() {
  const pageClass = usePageClass('service');
  const { params } = useRouter();
  const year = Number(params['year'] ?? new Date().getFullYear());
  const state = useApi(() => api.service.certificate({ year }), [year]);
  const [image, setImage] = useState('');
  const [failed, setFailed] = useState(false);
  const c = state.data;

  useEffect(() => {
    if (!c) return;
    void Taro.nextTick(() => {
      const query = Taro.createSelectorQuery();
      query.select('#certificate-canvas').node();
      query.select('#certificate-canvas').boundingClientRect();
      query.exec((res: [{ node?: CanvasNode } | null, { width: number; height: number } | null] | null) => {
        const node = res?.[0]?.node;
        const box = res?.[1];
        if (!node || !box?.width) {
          setFailed(true);
          return;
        }
        const dpr = isWeapp ? Taro.getWindowInfo().pixelRatio : 2;
        node.width = box.width * dpr;
        node.height = box.height * dpr;
        const pen = node.getContext('2d');
        pen.scale(dpr, dpr);
        drawCertificate(pen, box.width, box.height, c);
        if (isWeapp) {
          void Taro.canvasToTempFilePath({ canvas: node } as unknown as Taro.canvasToTempFilePath.Option).then(
            (r) => setImage(r.tempFilePath),
            () => setFailed(true),
          );
        } else if (node.toDataURL) setImage(node.toDataURL('image/png'));
      });
    });
  }, [c]);

  if (!c) return <PageState state={state} />;
  return (
    <View className={`${pageClass} zb-stack`}>
      <Text className='zb-note' id='certificate-summary'>
        {c.year} 年，你参加志愿服务 {c.times} 次，累计 {hoursText(c.hours)} 小时。
      </Text>
      {/* Drawn here, then shown as the picture it makes (which can be shared, saved or long-pressed). */}
      <Canvas
        type='2d'
        id='certificate-canvas'
        className='service__canvas'
        style={image ? { position: 'absolute', left: '-2000px' } : undefined}
      />
      {image && <Image id='certificate-image' className='service__certificate' src={image} mode='aspectFit' showMenuByLongpress />}
      {failed && <Text className='zb-error zb-note'>证书图片没有生成出来，可以截屏保存上面的文字。</Text>}
      {image && isWeapp && (
        <View className='zb-actions'>
          <Button id='certificate-share' type='primary' size='large' block onClick={() => void Taro.showShareImageMenu({ path: image })}>
            分享或保存证书图片
          </Button>
        </View>
      )}
      {image && !isWeapp && <Text className='zb-note'>长按（或右键）图片即可保存。</Text>}
    </View>
  );
}
