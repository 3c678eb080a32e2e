import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api, withQuery } from '../../api/client';
import { Dialog } from '../../components/dialog';
import { ErrorView } from '../../components/error-view';
import { Field } from '../../components/field';
import { PageHeader } from '../../components/page';
import { Empty, QueryState, StatusBadge } from '../../components/status';
import { useFormat } from '../../i18n/use-format';
import { useCan } from '../auth/use-session';
import type { BankScopeView, PaperLibraryView } from './bank-types';
import { overlapCellColours } from './overlap-colour';

/**
 * Paper library 卷库 of a scope (R1 >= 5 papers, R2 pairwise overlap <= the limit, R3 drawn from
 * the bank): libraries, the overlap matrix as a heat map, mean difficulty per paper, the papers with
 * their PDFs, and the assemble dialog (k papers, seed).
 */
export function PaperLibraryPage({ scope }: { scope: BankScopeView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const canAssemble = useCan('assemblePapers');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [isAssembling, setAssembling] = useState(false);
  const libraries = useQuery({
    queryKey: ['papers', 'libraries', scope.id],
    queryFn: () => api.get<{ libraries: PaperLibraryView[] }>(withQuery('/api/papers/libraries', { scopeId: scope.id })),
  });
  const currentId = selectedId ?? libraries.data?.libraries.find((library) => library.status === 'active')?.id ?? libraries.data?.libraries[0]?.id ?? null;
  return (
    <>
      <PageHeader
        title={t('bank.papers.title')}
        subtitle={t('bank.papers.subtitle')}
        actions={
          canAssemble && (
            <button type="button" onClick={() => setAssembling(true)}>
              {t('bank.papers.assemble')}
            </button>
          )
        }
      />
      <QueryState query={libraries}>
        {(data) =>
          data.libraries.length === 0 ? (
            <Empty>{t('bank.papers.none')}</Empty>
          ) : (
            <>
              <div className="filters card">
                <Field label={t('bank.papers.library')} className="wide">
                  {(props) => (
                    <select {...props} value={currentId ?? ''} onChange={(event) => setSelectedId(event.target.value)}>
                      {data.libraries.map((library) => (
                        <option key={library.id} value={library.id}>
                          {t(`itemKinds.${library.kind}`)} · {format.dateTime(library.createdAt)} · {t(`paperStatus.${library.status}`)} · {t('bank.papers.seedValue', { seed: library.seed })}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              </div>
              {currentId && <LibraryDetail libraryId={currentId} />}
            </>
          )
        }
      </QueryState>
      <Dialog title={t('bank.papers.assembleTitle')} isOpen={isAssembling} onClose={() => setAssembling(false)}>
        <AssembleForm
          scope={scope}
          onAssembled={(library) => {
            setSelectedId(library.id);
            setAssembling(false);
          }}
        />
      </Dialog>
    </>
  );
}

function LibraryDetail({ libraryId }: { libraryId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const canSeeKeys = useCan('maintainBank');
  const library = useQuery({
    queryKey: ['papers', 'library', libraryId],
    queryFn: () => api.get<PaperLibraryView>(`/api/papers/libraries/${libraryId}`),
  });
  return (
    <QueryState query={library}>
      {(data) => {
        const papers = data.papers ?? [];
        const codeOf = (index: number) => papers.find((paper) => paper.id === data.paperIds[index])?.code ?? `#${index + 1}`;
        /** Short label of a paper in the matrix and chart: its number in the library. */
        const shortOf = (index: number) => t('bank.papers.paperNumber', { number: index + 1 });
        const offDiagonal = data.overlapMatrix.flatMap((row, rowIndex) => row.filter((_value, columnIndex) => columnIndex !== rowIndex));
        const largest = offDiagonal.length > 0 ? Math.max(...offDiagonal) : 0;
        const difficulty = data.paperIds.map((paperId, index) => {
          const paper = papers.find((candidate) => candidate.id === paperId);
          return { code: shortOf(index), meanDifficulty: paper?.meanDifficulty ?? data.difficulty.meanByPaper[index] ?? 0 };
        });
        return (
          <div className="stack">
            <dl className="facts card">
              <dt>{t('bank.papers.seed')}</dt>
              <dd>
                <code>{data.seed}</code>
              </dd>
              <dt>{t('bank.papers.snapshotHash')}</dt>
              <dd>
                <code className="hash">{data.snapshotHash.slice(0, 16)}</code>
              </dd>
              <dt>{t('bank.papers.paperCount')}</dt>
              <dd>{data.paperIds.length}</dd>
              {data.paperSize !== undefined && (
                <>
                  <dt>{t('bank.papers.paperSize')}</dt>
                  <dd>{data.paperSize}</dd>
                </>
              )}
              <dt>{t('bank.papers.largestOverlap')}</dt>
              <dd className={largest > data.maxOverlap ? 'error' : undefined}>
                {format.percent(largest, 1)} / {t('bank.papers.limit', { limit: format.percent(data.maxOverlap) })}
              </dd>
            </dl>
            <div className="two-columns">
              <section className="card" aria-labelledby="overlap-heading">
                <h2 id="overlap-heading">
                  {t('bank.papers.overlapMatrix')} <span className="badge">R2</span>
                </h2>
                <div className="table-scroll">
                  <table className="heatmap">
                    <caption className="visually-hidden">{t('bank.papers.overlapCaption')}</caption>
                    <thead>
                      <tr>
                        <td />
                        {data.paperIds.map((paperId, index) => (
                          <th key={paperId} scope="col" title={codeOf(index)}>
                            {shortOf(index)}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {data.overlapMatrix.map((row, rowIndex) => (
                        <tr key={rowIndex}>
                          <th scope="row" title={codeOf(rowIndex)}>
                            {shortOf(rowIndex)}
                          </th>
                          {row.map((value, columnIndex) => {
                            if (columnIndex === rowIndex) return <td key={columnIndex} className="diagonal">—</td>;
                            const colours = overlapCellColours(value, data.maxOverlap);
                            return (
                              <td
                                key={columnIndex}
                                className={colours.isOverLimit ? 'over-limit' : undefined}
                                style={{ background: colours.background, color: colours.text }}
                                title={t('bank.papers.overlapCell', { a: codeOf(rowIndex), b: codeOf(columnIndex), value: format.percent(value, 1) })}
                              >
                                {format.percent(value, 1)}
                              </td>
                            );
                          })}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
                <p className="legend">
                  <span className="swatch" style={{ background: overlapCellColours(0, 1).background }} /> 0%
                  <span className="swatch" style={{ background: overlapCellColours(data.maxOverlap, data.maxOverlap).background }} /> {format.percent(data.maxOverlap)}
                  <span className="swatch" style={{ background: overlapCellColours(1, data.maxOverlap).background }} /> {t('bank.papers.overLimit')}
                </p>
              </section>
              <section className="card" aria-labelledby="difficulty-heading">
                <h2 id="difficulty-heading">{t('bank.papers.difficulty')}</h2>
                <div className="chart" aria-hidden="true">
                  <ResponsiveContainer width="100%" height={220}>
                    <BarChart data={difficulty}>
                      <CartesianGrid strokeDasharray="3 3" vertical={false} />
                      <XAxis dataKey="code" />
                      <YAxis domain={[0, 1]} tickFormatter={(value: number) => format.number(value, 2)} />
                      <Tooltip formatter={(value) => format.number(Number(value), 3)} />
                      {data.difficulty.target !== undefined && <ReferenceLine y={data.difficulty.target} stroke="#1d2733" strokeDasharray="4 2" />}
                      <Bar dataKey="meanDifficulty" name={t('bank.papers.meanDifficulty')} fill="#0b5cad" isAnimationActive={false} />
                    </BarChart>
                  </ResponsiveContainer>
                </div>
                <p className="muted">{t('bank.papers.spread', { spread: format.number(data.difficulty.spread, 3) })}</p>
              </section>
            </div>
            <section className="card" aria-labelledby="papers-heading">
              <h2 id="papers-heading">{t('bank.papers.papers')}</h2>
              <div className="table-scroll">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">#</th>
                      <th scope="col">{t('bank.papers.code')}</th>
                      <th scope="col">{t('bank.papers.items')}</th>
                      <th scope="col">{t('bank.papers.points')}</th>
                      <th scope="col">{t('bank.papers.meanDifficulty')}</th>
                      <th scope="col">{t('bank.items.status')}</th>
                      <th scope="col">{t('bank.papers.print')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {papers.map((paper) => (
                      <tr key={paper.id}>
                        <td>{data.paperIds.includes(paper.id) ? shortOf(data.paperIds.indexOf(paper.id)) : '—'}</td>
                        <td>{paper.code}</td>
                        <td className="number">{paper.itemCount}</td>
                        <td className="number">{paper.totalPoints}</td>
                        <td className="number">{paper.meanDifficulty === undefined ? '—' : format.number(paper.meanDifficulty, 3)}</td>
                        <td>
                          <StatusBadge status={paper.status} group="paperStatus" />
                        </td>
                        <td>
                          <a href={`/api/papers/${paper.id}/pdf/candidate`}>{t('bank.papers.candidateCopy')}</a>
                          {canSeeKeys && (
                            <>
                              {' · '}
                              <a href={`/api/papers/${paper.id}/pdf/teacher`}>{t('bank.papers.teacherCopy')}</a>
                            </>
                          )}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </section>
          </div>
        );
      }}
    </QueryState>
  );
}

/** Assemble dialog: kind, k papers (>= 5, R1), seed (reproducible, house rule 6), overlap limit. */
function AssembleForm({ scope, onAssembled }: { scope: BankScopeView; onAssembled: (library: PaperLibraryView) => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<'theory' | 'practical'>('theory');
  const assemble = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post<PaperLibraryView>('/api/papers/libraries', body),
    onSuccess: async (library) => {
      await queryClient.invalidateQueries({ queryKey: ['papers', 'libraries', scope.id] });
      await queryClient.invalidateQueries({ queryKey: ['bank', 'readiness', scope.id] });
      onAssembled(library);
    },
  });
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim();
    const body: Record<string, unknown> = { scopeId: scope.id, kind, paperCount: Number(text('paperCount')) };
    if (text('seed')) body.seed = text('seed');
    if (text('maxOverlap')) body.maxOverlap = Number(text('maxOverlap')) / 100;
    if (kind === 'practical' && text('tasksPerPaper')) body.tasksPerPaper = Number(text('tasksPerPaper'));
    if (text('difficultyMean')) body.difficulty = { mean: Number(text('difficultyMean')) };
    assemble.mutate(body);
  }
  return (
    <form onSubmit={onSubmit}>
      <Field label={t('bank.items.kind')}>
        {(props) => (
          <select {...props} value={kind} onChange={(event) => setKind(event.target.value as typeof kind)}>
            <option value="theory">{t('itemKinds.theory')}</option>
            <option value="practical">{t('itemKinds.practical')}</option>
          </select>
        )}
      </Field>
      <Field label={t('bank.papers.paperCountK')} hint={t('bank.papers.paperCountHint')}>
        {(props) => <input {...props} name="paperCount" type="number" min={5} max={50} defaultValue={5} required />}
      </Field>
      <Field label={t('bank.papers.seed')} hint={t('bank.papers.seedHint')}>
        {(props) => <input {...props} name="seed" maxLength={100} />}
      </Field>
      <Field label={t('bank.papers.maxOverlap')} hint={t('bank.papers.maxOverlapHint')}>
        {(props) => <input {...props} name="maxOverlap" type="number" min={0} max={100} step={1} />}
      </Field>
      {kind === 'practical' && (
        <Field label={t('bank.papers.tasksPerPaper')} hint={t('bank.papers.tasksPerPaperHint', { count: scope.practicalTasksPerPaper })}>
          {(props) => <input {...props} name="tasksPerPaper" type="number" min={1} max={50} />}
        </Field>
      )}
      <Field label={t('bank.papers.difficultyTarget')} hint={t('bank.papers.difficultyTargetHint')}>
        {(props) => <input {...props} name="difficultyMean" type="number" min={0} max={1} step={0.05} />}
      </Field>
      {assemble.isError && <ErrorView error={assemble.error} />}
      <div className="form-actions">
        <button type="submit" disabled={assemble.isPending}>
          {assemble.isPending ? t('bank.papers.assembling') : t('bank.papers.assembleSubmit')}
        </button>
      </div>
    </form>
  );
}
