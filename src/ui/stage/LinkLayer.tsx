/** The lines between servers: every pair can talk; a cut link is dashed and marked. Click to act on it. */
import { memo } from 'react';
import { useT } from '../i18n';
import { type Point, linkKey } from './layout';

export interface LinkLayerProps {
  sids: number[];
  pos: Map<number, Point>;
  cut: Set<string>;
  active: string | null;
  onPick: (a: number, b: number) => void;
}

function LinkLayerImpl({ sids, pos, cut, active, onPick }: LinkLayerProps) {
  const t = useT();
  const lines = [];
  for (let i = 0; i < sids.length; i++) {
    for (let j = i + 1; j < sids.length; j++) {
      const a = sids[i];
      const b = sids[j];
      const pa = pos.get(a);
      const pb = pos.get(b);
      if (!pa || !pb) continue;
      const key = linkKey(a, b);
      const isCut = cut.has(key);
      const mx = (pa.x + pb.x) / 2;
      const my = (pa.y + pb.y) / 2;
      lines.push(
        <g
          key={key}
          className={`link${isCut ? ' cut' : ''}${active === key ? ' active' : ''}`}
          data-link={key}
          onClick={(e) => {
            e.stopPropagation();
            onPick(a, b);
          }}
        >
          <title>
            {t('link.title', { a, b })}
            {isCut ? ` (${t('link.cutState')})` : ''}
          </title>
          <line className="hit" x1={pa.x} y1={pa.y} x2={pb.x} y2={pb.y} />
          <line className="wire" x1={pa.x} y1={pa.y} x2={pb.x} y2={pb.y} />
          {isCut ? (
            <g transform={`translate(${mx},${my})`} className="cut-mark">
              <circle r={9} />
              <path d="M-4,-4L4,4M-4,4L4,-4" />
            </g>
          ) : null}
        </g>,
      );
    }
  }
  return <g className="links">{lines}</g>;
}

export const LinkLayer = memo(LinkLayerImpl);
