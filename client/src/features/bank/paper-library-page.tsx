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
import type { BankScopeView, PaperLibraryView, PaperView } from './bank-types';
import { overlapCellColours } from './overlap-colour';

/** Answer of POST /api/papers/:paperId/retire: the retired paper and, when drawn, its replacement. */
interface RetiredPaperView {
  retired: PaperView;
  replacement?: PaperView;
}

/**
 * A library as the page names it everywhere (selector, assemble warning): kind · created date and
 * time · status · seed.
 */
function useLibraryLabel() {
  const { t } = useTranslation();
  const format = useFormat();
  return (library: PaperLibraryView) =>
    `${t(`itemKinds.${library.kind}`)} · ${format.dateTime(library.createdAt)} · ${t(`paperStatus.${library.status}`)} · ${t('bank.papers.seedValue', { seed: library.seed })}`;
}

/**
 * Paper library 卷库 of a scope (R1 >= 5 papers, R2 pairwise overlap <= the limit, R3 drawn from
 * the bank): libraries, the overlap matrix as a heat map, mean difficulty per paper, the papers with
 * their PDFs, retiring a paper with a reason and drawing its replacement (bank roles), and the
 * assemble dialog (k papers, seed) warning which active library the new one supersedes.
 */
export function PaperLibraryPage({ scope }: { scope: BankScopeView }) {
  const { t } = useTranslation();
  const libraryLabel = useLibraryLabel();
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
                          {libraryLabel(library)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              </div>
              {currentId && <LibraryDetail key={currentId} libraryId={currentId} scopeId={scope.id} />}
            </>
          )
        }
      </QueryState>
      <Dialog title={t('bank.papers.assembleTitle')} isOpen={isAssembling} onClose={() => setAssembling(false)}>
        <AssembleForm
          scope={scope}
          activeLibraries={libraries.data?.libraries.filter((library) => library.status === 'active') ?? []}
          onAssembled={(library) => {
            setSelectedId(library.id);
            setAssembling(false);
          }}
        />
      </Dialog>
    </>
  );
}

/**
 * One library: facts, overlap heat map (R2), difficulty chart, the papers with their PDFs, notes
 * (retired reason, replaced by / replaces) and, for the bank roles, "retire" on every active paper;
 * then the replacements drawn so far (seed, snapshot, reason).
 */
function LibraryDetail({ libraryId, scopeId }: { libraryId: string; scopeId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const canSeeKeys = useCan('maintainBank');
  const canRetire = useCan('retirePapers');
  const [retiring, setRetiring] = useState<PaperView | null>(null);
  const [outcome, setOutcome] = useState<RetiredPaperView | null>(null);
  const library = useQuery({
    queryKey: ['papers', 'library', libraryId],
    queryFn: () => api.get<PaperLibraryView>(`/api/papers/libraries/${libraryId}`),
  });
  return (
    <QueryState query={library}>
      {(data) => {
        const papers = data.papers ?? [];
        const paperCode = (paperId: string) => papers.find((paper) => paper.id === paperId)?.code ?? paperId;
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
              <dd>
                {papers.some((paper) => paper.status === 'retired')
                  ? t('bank.papers.paperCountWithRetired', { active: papers.filter((paper) => paper.status === 'active').length, total: data.paperIds.length })
                  : data.paperIds.length}
              </dd>
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
                      <th scope="col">{t('bank.papers.notes')}</th>
                      <th scope="col">{t('bank.papers.print')}</th>
                      {canRetire && <th scope="col">{t('common.actions')}</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {papers.map((paper) => (
                      <tr key={paper.id} data-paper-code={paper.code}>
                        <td>{data.paperIds.includes(paper.id) ? shortOf(data.paperIds.indexOf(paper.id)) : '—'}</td>
                        <td>{paper.code}</td>
                        <td className="number">{paper.itemCount}</td>
                        <td className="number">{paper.totalPoints}</td>
                        <td className="number">{paper.meanDifficulty === undefined ? '—' : format.number(paper.meanDifficulty, 3)}</td>
                        <td>
                          <StatusBadge status={paper.status} group="paperStatus" />
                        </td>
                        <td className="paper-notes">
                          {paper.retiredReason && <div>{t('bank.papers.retiredBecause', { reason: paper.retiredReason })}</div>}
                          {paper.replacedBy && <div>{t('bank.papers.replacedBy', { code: paperCode(paper.replacedBy) })}</div>}
                          {paper.replaces && <div>{t('bank.papers.replaces', { code: paperCode(paper.replaces) })}</div>}
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
                        {canRetire && (
                          <td>
                            {paper.status === 'active' && (
                              <button
                                type="button"
                                className="secondary small retire-paper"
                                aria-label={t('bank.papers.retireOne', { code: paper.code })}
                                onClick={() => {
                                  setOutcome(null);
                                  setRetiring(paper);
                                }}
                              >
                                {t('bank.papers.retire')}
                              </button>
                            )}
                          </td>
                        )}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              {outcome && (
                <p className="success retire-outcome" role="status">
                  {outcome.replacement
                    ? t('bank.papers.retiredAndReplaced', { retired: outcome.retired.code, replacement: outcome.replacement.code, seed: outcome.replacement.seed ?? '' })
                    : t('bank.papers.retiredOnly', { retired: outcome.retired.code })}
                </p>
              )}
            </section>
            {data.replacements.length > 0 && (
              <section className="card" aria-labelledby="replacements-heading">
                <h2 id="replacements-heading">
                  {t('bank.papers.replacements')} <span className="badge">R17</span>
                </h2>
                <div className="table-scroll">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">{t('bank.papers.replacementAt')}</th>
                        <th scope="col">{t('bank.papers.retiredPaper')}</th>
                        <th scope="col">{t('bank.papers.replacementPaper')}</th>
                        <th scope="col">{t('bank.papers.retireReason')}</th>
                        <th scope="col">{t('bank.papers.seed')}</th>
                        <th scope="col">{t('bank.papers.snapshotHash')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.replacements.map((entry) => (
                        <tr key={entry.paperId}>
                          <td>{format.dateTime(entry.at)}</td>
                          <td>{paperCode(entry.retiredPaperId)}</td>
                          <td>{paperCode(entry.paperId)}</td>
                          <td>{entry.reason}</td>
                          <td>
                            <code>{entry.seed}</code>
                          </td>
                          <td>
                            <code className="hash">{entry.snapshotHash.slice(0, 16)}</code>
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </section>
            )}
            <Dialog title={t('bank.papers.retireTitle', { code: retiring?.code ?? '' })} isOpen={retiring !== null} onClose={() => setRetiring(null)}>
              {retiring && (
                <RetirePaperForm
                  paper={retiring}
                  libraryId={libraryId}
                  scopeId={scopeId}
                  onRetired={(result) => {
                    setOutcome(result);
                    setRetiring(null);
                  }}
                />
              )}
            </Dialog>
          </div>
        );
      }}
    </QueryState>
  );
}

/**
 * Retire dialog of one paper (POST /api/papers/:paperId/retire, bank roles; R2, R17): a required
 * reason; "draw a replacement" (on by default, as on the server) draws a new paper of the same
 * composition from the approved bank that keeps every pair within the library's overlap limit,
 * with an optional seed (house rule 6). The server's error (e.g. `infeasible`: no replacement fits,
 * nothing is retired) is shown in the dialog; on success the library and the readiness counts are
 * refreshed.
 */
function RetirePaperForm({
  paper,
  libraryId,
  scopeId,
  onRetired,
}: {
  paper: PaperView;
  libraryId: string;
  scopeId: string;
  onRetired: (result: RetiredPaperView) => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [isReplacing, setReplacing] = useState(true);
  const retire = useMutation({
    mutationFn: (body: { reason: string; replace: boolean; seed?: string }) => api.post<RetiredPaperView>(`/api/papers/${paper.id}/retire`, body),
    onSuccess: async (result) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['papers', 'library', libraryId] }),
        queryClient.invalidateQueries({ queryKey: ['papers', 'libraries', scopeId] }),
        queryClient.invalidateQueries({ queryKey: ['bank', 'readiness', scopeId] }),
      ]);
      onRetired(result);
    },
  });
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const seed = String(form.get('seed') ?? '').trim();
    retire.mutate({ reason: String(form.get('reason') ?? '').trim(), replace: isReplacing, ...(isReplacing && seed ? { seed } : {}) });
  }
  return (
    <form onSubmit={onSubmit} className="retire-paper-form">
      <Field label={t('bank.papers.retireReason')} hint={t('bank.papers.retireReasonHint')}>
        {(props) => <textarea {...props} name="reason" rows={3} maxLength={2000} required />}
      </Field>
      <div className="field">
        <label>
          <input type="checkbox" name="replace" checked={isReplacing} onChange={(event) => setReplacing(event.target.checked)} /> {t('bank.papers.drawReplacement')}
        </label>
        <span className="hint">{isReplacing ? t('bank.papers.drawReplacementHint') : t('bank.papers.noReplacementHint')}</span>
      </div>
      {isReplacing && (
        <Field label={t('bank.papers.seed')} hint={t('bank.papers.seedHint')}>
          {(props) => <input {...props} name="seed" maxLength={100} />}
        </Field>
      )}
      {retire.isError && <ErrorView error={retire.error} />}
      <div className="form-actions">
        <button type="submit" disabled={retire.isPending}>
          {retire.isPending ? t('bank.papers.retiring') : isReplacing ? t('bank.papers.retireAndReplace') : t('bank.papers.retireSubmit')}
        </button>
      </div>
    </form>
  );
}

/**
 * Assemble dialog: kind, k papers (>= 5, R1), seed (reproducible, house rule 6), overlap limit.
 * Warns, for the chosen kind, that the new library supersedes (retires) the scope's active one —
 * named as the page names it — while papers already handed out stay as they are and batches
 * planned with the old library draw from the new one when their sessions open (R3).
 */
function AssembleForm({
  scope,
  activeLibraries,
  onAssembled,
}: {
  scope: BankScopeView;
  activeLibraries: readonly PaperLibraryView[];
  onAssembled: (library: PaperLibraryView) => void;
}) {
  const { t } = useTranslation();
  const libraryLabel = useLibraryLabel();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<'theory' | 'practical'>('theory');
  const superseded = activeLibraries.filter((library) => library.kind === kind);
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
      {superseded.length > 0 ? (
        <div className="warning-box supersede-warning" role="note" aria-labelledby="supersede-heading">
          <p id="supersede-heading">
            <strong>{t('bank.papers.supersede.title')}</strong>
          </p>
          <ul>
            {superseded.map((library) => (
              <li key={library.id}>{t('bank.papers.supersede.library', { library: libraryLabel(library) })}</li>
            ))}
            <li>{t('bank.papers.supersede.handedOut')}</li>
            <li>{t('bank.papers.supersede.batches')}</li>
          </ul>
        </div>
      ) : (
        <p className="muted supersede-none">{t('bank.papers.supersede.none', { kind: t(`itemKinds.${kind}`) })}</p>
      )}
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
