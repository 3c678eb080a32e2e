import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { PageHeader } from '../../components/page';
import { Empty, QueryState, StatusBadge } from '../../components/status';
import { useFormat } from '../../i18n/use-format';
import { useFlagText } from './analysis-page';
import { useReviewQueue } from './reports-api';

/** Items flagged by item analysis and sent back to review, with the evidence of each flag (R1, R17). */
export function ReviewQueuePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const flagText = useFlagText();
  const queue = useReviewQueue();
  return (
    <>
      <PageHeader title={t('reports.queue.title')} subtitle={t('reports.queue.subtitle')} />
      <QueryState query={queue}>
        {(data) =>
          data.items.length === 0 ? (
            <Empty>{t('reports.queue.empty')}</Empty>
          ) : (
            <div className="table-scroll card">
              {data.isTruncated && <p className="muted">{t('reports.queue.truncated')}</p>}
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('reports.analysis.item')}</th>
                    <th scope="col">{t('reports.analysis.type')}</th>
                    <th scope="col">{t('reports.analysis.knowledgePoint')}</th>
                    <th scope="col">{t('reports.queue.status')}</th>
                    <th scope="col">{t('reports.queue.measured')}</th>
                    <th scope="col">{t('reports.queue.evidence')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((item) => (
                    <tr key={item.itemId}>
                      <td>
                        <Link to={`/bank/items/${item.itemId}`} title={t('reports.queue.openInBank')}>
                          {item.stemExcerpt || item.itemId}
                        </Link>
                      </td>
                      <td>{item.type ? t(`itemTypes.${item.type}`) : '—'}</td>
                      <td>{item.knowledgePoint ?? '—'}</td>
                      <td>
                        <StatusBadge status={item.status} group="itemStatus" />
                      </td>
                      <td>{format.number(item.measuredDifficulty, 3) || '—'}</td>
                      <td>
                        <ul className="warning-list">
                          {item.flags.map((flag, index) => (
                            <li key={index}>
                              <span className="muted small-text">
                                {flag.evidence?.batchCode} · {flag.evidence?.paperCode} · {format.dateTime(flag.at)} · n={flag.evidence?.candidateCount} · P=
                                {format.number(flag.evidence?.difficulty, 3)} · D={format.number(flag.evidence?.discrimination ?? null, 3) || '—'}
                              </span>
                              <br />
                              {(flag.evidence?.flags ?? []).map(flagText).join('；') || flag.reason}
                            </li>
                          ))}
                        </ul>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
    </>
  );
}
