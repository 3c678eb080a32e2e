import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, uploadFile } from '../../api/client';
import { ErrorView } from '../../components/error-view';
import { Field } from '../../components/field';
import { PageHeader } from '../../components/page';
import { QueryState } from '../../components/status';
import { useFormat } from '../../i18n/use-format';
import { useCan } from '../auth/use-session';
import { useScopeBlueprint } from './bank-api';
import { theoryItemTypes, type BankScopeView, type Blueprint, type BlueprintNode, type PaperStructureEntry, type ScopeBlueprintView, type TheoryItemType } from './bank-types';
import { addNode, balanceWeights, findWeightProblems, listLeaves, nextChildCode, removeNode, totalStructure, updateNode, type NodePath } from './blueprint-tree';

/**
 * Blueprint editor 认定要素细目表: the knowledge tree with weights (siblings sum to 100%), the
 * theory paper structure (items and points per type), leaves with their item counts; derive it from
 * the items' 作业种类/章节 or upload it as a file.
 */
export function BlueprintPage({ scope }: { scope: BankScopeView }) {
  const { t } = useTranslation();
  const blueprint = useScopeBlueprint(scope.id);
  return (
    <>
      <PageHeader title={t('bank.blueprint.title')} subtitle={t('bank.blueprint.subtitle')} />
      <QueryState query={blueprint}>{(data) => <BlueprintEditor scope={scope} view={data} />}</QueryState>
    </>
  );
}

function BlueprintEditor({ scope, view }: { scope: BankScopeView; view: ScopeBlueprintView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const canEdit = useCan('editBank');
  const [nodes, setNodes] = useState<BlueprintNode[]>(view.blueprint?.nodes ?? []);
  const [structure, setStructure] = useState<PaperStructureEntry[]>(view.blueprint?.structure ?? [{ type: 'judge', count: 20, pointsEach: 1 }]);
  useEffect(() => {
    setNodes(view.blueprint?.nodes ?? []);
    if (view.blueprint) setStructure(view.blueprint.structure);
  }, [view]);

  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['bank', 'blueprint', scope.id] });
    await queryClient.invalidateQueries({ queryKey: ['bank', 'readiness', scope.id] });
    await queryClient.invalidateQueries({ queryKey: ['bank', 'scope', scope.id] });
  };
  const save = useMutation({
    mutationFn: (blueprint: Blueprint) => api.put<{ blueprint: Blueprint }>(`/api/bank/scopes/${scope.id}/blueprint`, { blueprint }),
    onSuccess: refresh,
  });
  const derive = useMutation({
    mutationFn: (shape: { itemsPerPaper?: number; totalPoints?: number }) => api.post<{ blueprint: Blueprint }>(`/api/bank/scopes/${scope.id}/blueprint/derive`, shape),
    onSuccess: refresh,
  });
  const upload = useMutation({
    mutationFn: (file: File) => uploadFile<{ blueprint: Blueprint }>(`/api/bank/scopes/${scope.id}/blueprint/import`, file),
    onSuccess: refresh,
  });

  const problems = findWeightProblems(nodes);
  const leaves = listLeaves(nodes);
  const totals = totalStructure(structure);
  const counts = new Map(view.leaves.map((leaf) => [leaf.code, leaf.itemCount]));

  function onSave(event: FormEvent) {
    event.preventDefault();
    save.mutate({ nodes, structure });
  }

  function onDerive(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const itemsPerPaper = Number(form.get('itemsPerPaper')) || undefined;
    const totalPoints = Number(form.get('totalPoints')) || undefined;
    derive.mutate({ ...(itemsPerPaper ? { itemsPerPaper } : {}), ...(totalPoints ? { totalPoints } : {}) });
  }

  return (
    <div className="stack">
      <form className="card" onSubmit={onSave} aria-labelledby="tree-heading">
        <h2 id="tree-heading">{t('bank.blueprint.tree')}</h2>
        <fieldset disabled={!canEdit} className="plain">
          {nodes.length === 0 ? (
            <p className="muted">{t('bank.blueprint.empty')}</p>
          ) : (
            <div role="tree" aria-label={t('bank.blueprint.tree')} className="blueprint-tree">
              <NodeList nodes={nodes} path={[]} onChange={setNodes} root={nodes} parentCode="" counts={counts} />
            </div>
          )}
          <div className="form-actions">
            <button type="button" className="secondary" onClick={() => setNodes(addNode(nodes, [], { code: nextChildCode('', nodes), name: '', weight: 0 }))}>
              {t('bank.blueprint.addRoot')}
            </button>
            <button type="button" className="secondary" onClick={() => setNodes(balanceWeights(nodes))} disabled={nodes.length === 0}>
              {t('bank.blueprint.balance')}
            </button>
          </div>
          {problems.length > 0 && (
            <ul className="warning-list" aria-live="polite">
              {problems.map((problem) => (
                <li key={problem.parentPath.join('.')}>
                  {t('bank.blueprint.weightProblem', { parent: problem.parentCode || t('bank.blueprint.roots'), sum: format.percent(problem.sum, 1) })}
                </li>
              ))}
            </ul>
          )}

          <h3>{t('bank.blueprint.structure')}</h3>
          <table>
            <caption className="visually-hidden">{t('bank.blueprint.structure')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('bank.items.type')}</th>
                <th scope="col">{t('bank.blueprint.count')}</th>
                <th scope="col">{t('bank.blueprint.pointsEach')}</th>
                <th scope="col">{t('bank.blueprint.subtotal')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {structure.map((entry, index) => (
                <tr key={index}>
                  <td>
                    <select
                      aria-label={t('bank.items.type')}
                      value={entry.type}
                      onChange={(event) => setStructure(structure.map((row, position) => (position === index ? { ...row, type: event.target.value as TheoryItemType } : row)))}
                    >
                      {theoryItemTypes.map((type) => (
                        <option key={type} value={type}>
                          {t(`itemTypes.${type}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      aria-label={t('bank.blueprint.count')}
                      type="number"
                      min={1}
                      value={entry.count}
                      onChange={(event) => setStructure(structure.map((row, position) => (position === index ? { ...row, count: Number(event.target.value) } : row)))}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={t('bank.blueprint.pointsEach')}
                      type="number"
                      min={0.5}
                      step={0.5}
                      value={entry.pointsEach}
                      onChange={(event) => setStructure(structure.map((row, position) => (position === index ? { ...row, pointsEach: Number(event.target.value) } : row)))}
                    />
                  </td>
                  <td className="number">{format.number(entry.count * entry.pointsEach, 1)}</td>
                  <td>
                    <button type="button" className="secondary small" onClick={() => setStructure(structure.filter((_row, position) => position !== index))} aria-label={t('common.remove')}>
                      −
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('bank.blueprint.total')}</th>
                <td className="number">{totals.items}</td>
                <td />
                <td className="number">{format.number(totals.points, 1)}</td>
                <td />
              </tr>
            </tfoot>
          </table>
          <div className="form-actions">
            <button type="button" className="secondary" onClick={() => setStructure([...structure, { type: 'single', count: 10, pointsEach: 1 }])}>
              {t('bank.blueprint.addType')}
            </button>
            <button type="submit" disabled={save.isPending || nodes.length === 0 || structure.length === 0}>
              {t('bank.blueprint.save')}
            </button>
          </div>
        </fieldset>
        {save.isError && <ErrorView error={save.error} />}
        {save.isSuccess && (
          <p className="success" role="status">
            {t('common.saved')}
          </p>
        )}
      </form>

      <div className="two-columns">
        <section className="card" aria-labelledby="leaves-heading">
          <h2 id="leaves-heading">{t('bank.blueprint.leaves', { count: leaves.length })}</h2>
          <div className="table-scroll">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('bank.blueprint.code')}</th>
                  <th scope="col">{t('bank.blueprint.name')}</th>
                  <th scope="col">{t('bank.blueprint.absoluteWeight')}</th>
                  <th scope="col">{t('bank.blueprint.itemCount')}</th>
                </tr>
              </thead>
              <tbody>
                {leaves.map((leaf) => (
                  <tr key={leaf.code}>
                    <td>{leaf.code}</td>
                    <td>{leaf.name}</td>
                    <td className="number">{format.percent(leaf.absoluteWeight, 1)}</td>
                    <td className="number">{counts.get(leaf.code) ?? 0}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted">{t('bank.blueprint.withoutKnowledgePoint', { count: view.itemsWithoutKnowledgePoint })}</p>
        </section>
        {canEdit && (
          <section className="card" aria-labelledby="derive-heading">
            <h2 id="derive-heading">{t('bank.blueprint.deriveTitle')}</h2>
            <p className="muted">{t('bank.blueprint.deriveHint')}</p>
            <form onSubmit={onDerive}>
              <div className="grid-2">
                <Field label={t('bank.blueprint.itemsPerPaper')}>{(props) => <input {...props} name="itemsPerPaper" type="number" min={1} max={500} />}</Field>
                <Field label={t('bank.blueprint.totalPoints')}>{(props) => <input {...props} name="totalPoints" type="number" min={1} max={1000} />}</Field>
              </div>
              {derive.isError && <ErrorView error={derive.error} />}
              <div className="form-actions">
                <button type="submit" className="secondary" disabled={derive.isPending}>
                  {t('bank.blueprint.derive')}
                </button>
              </div>
            </form>
            <Field label={t('bank.blueprint.uploadFile')} hint={t('bank.blueprint.uploadHint')}>
              {(props) => (
                <input
                  {...props}
                  type="file"
                  accept=".xlsx,.json"
                  onChange={(event) => {
                    const file = event.target.files?.[0];
                    if (file) upload.mutate(file);
                  }}
                />
              )}
            </Field>
            {upload.isError && <ErrorView error={upload.error} />}
          </section>
        )}
      </div>
    </div>
  );
}

/** One level of the tree: each node with code, name, weight (%) and its children below. */
function NodeList({
  nodes,
  path,
  onChange,
  root,
  parentCode,
  counts,
}: {
  nodes: BlueprintNode[];
  path: NodePath;
  onChange: (nodes: BlueprintNode[]) => void;
  root: BlueprintNode[];
  parentCode: string;
  counts: Map<string, number>;
}) {
  const { t } = useTranslation();
  return (
    <ul role={path.length === 0 ? undefined : 'group'} className="tree-level">
      {nodes.map((node, index) => {
        const nodePath = [...path, index];
        const children = node.children ?? [];
        const isLeaf = children.length === 0;
        return (
          <li key={`${parentCode}-${index}`} role="treeitem" aria-expanded={isLeaf ? undefined : true} aria-level={nodePath.length} aria-selected={false}>
            <div className="tree-row">
              <input
                className="code"
                aria-label={t('bank.blueprint.code')}
                value={node.code}
                onChange={(event) => onChange(updateNode(root, nodePath, (current) => ({ ...current, code: event.target.value })))}
              />
              <input
                className="name"
                aria-label={t('bank.blueprint.name')}
                value={node.name}
                onChange={(event) => onChange(updateNode(root, nodePath, (current) => ({ ...current, name: event.target.value })))}
              />
              <span className="weight">
                <input
                  aria-label={t('bank.blueprint.weightOf', { code: node.code })}
                  type="number"
                  min={0}
                  max={100}
                  step={0.1}
                  value={Math.round(node.weight * 1000) / 10}
                  onChange={(event) => onChange(updateNode(root, nodePath, (current) => ({ ...current, weight: Number(event.target.value) / 100 })))}
                />
                %
              </span>
              {isLeaf && <span className="muted count">{t('bank.blueprint.items', { count: counts.get(node.code) ?? 0 })}</span>}
              <button
                type="button"
                className="secondary small"
                onClick={() => onChange(addNode(root, nodePath, { code: nextChildCode(node.code, children), name: '', weight: children.length === 0 ? 1 : 0 }))}
                aria-label={t('bank.blueprint.addChildOf', { code: node.code })}
              >
                +
              </button>
              <button type="button" className="secondary small" onClick={() => onChange(removeNode(root, nodePath))} aria-label={t('bank.blueprint.removeNode', { code: node.code })}>
                −
              </button>
            </div>
            {!isLeaf && <NodeList nodes={children} path={nodePath} onChange={onChange} root={root} parentCode={node.code} counts={counts} />}
          </li>
        );
      })}
    </ul>
  );
}
