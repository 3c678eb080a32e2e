import { useTranslation } from 'react-i18next';
import type { ItemContent } from './bank-types';

/** Option letter of a 0-based index: 0 → A. */
export function optionLetter(index: number): string {
  return String.fromCharCode(65 + index);
}

/**
 * Live preview of an item as a candidate would read it, with the answer key and knowledge point
 * marked for the bank roles (theory: stem, lettered options; practical: task, materials, criteria
 * with total points, veto items 否决项).
 */
export function ItemPreview({ content, knowledgePointName }: { content: ItemContent; knowledgePointName?: string }) {
  const { t } = useTranslation();
  if (content.kind === 'practical') {
    const total = content.criteria.reduce((sum, criterion) => sum + (Number(criterion.maxPoints) || 0), 0);
    return (
      <article className="item-preview" aria-label={t('bank.editor.preview')}>
        <h3>{content.title || t('bank.editor.untitled')}</h3>
        <p className="muted">
          {t('bank.editor.timeLimitValue', { minutes: content.timeLimitMinutes })} · {t('bank.editor.totalPoints', { points: total })}
          {content.knowledgePoint && ` · ${t('bank.items.knowledgePoint')} ${content.knowledgePoint} ${knowledgePointName ?? ''}`}
        </p>
        <p className="preserve-lines">{content.task}</p>
        {content.materials.filter(Boolean).length > 0 && (
          <>
            <h4>{t('bank.editor.materials')}</h4>
            <ul>
              {content.materials.filter(Boolean).map((material, index) => (
                <li key={index}>{material}</li>
              ))}
            </ul>
          </>
        )}
        <table>
          <caption>{t('bank.editor.criteria')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('bank.editor.criterion')}</th>
              <th scope="col">{t('bank.editor.maxPoints')}</th>
              <th scope="col">{t('bank.editor.deductionRule')}</th>
            </tr>
          </thead>
          <tbody>
            {content.criteria.map((criterion, index) => (
              <tr key={index}>
                <td>{criterion.criterion}</td>
                <td className="number">{criterion.maxPoints}</td>
                <td>{criterion.deductionRule}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {content.vetoItems.filter(Boolean).length > 0 && (
          <>
            <h4>{t('bank.editor.vetoItems')}</h4>
            <ul className="veto">
              {content.vetoItems.filter(Boolean).map((veto, index) => (
                <li key={index}>{veto}</li>
              ))}
            </ul>
          </>
        )}
      </article>
    );
  }
  const answer = new Set(content.answer ?? []);
  return (
    <article className="item-preview" aria-label={t('bank.editor.preview')}>
      <p className="muted">
        {t(`itemTypes.${content.type}`)}
        {content.knowledgePoint && ` · ${t('bank.items.knowledgePoint')} ${content.knowledgePoint} ${knowledgePointName ?? ''}`}
        {content.difficulty && ` · ${t('bank.editor.difficulty')} ${content.difficulty}`}
      </p>
      <p className="stem preserve-lines">{content.stem || t('bank.editor.emptyStem')}</p>
      <ol className="options" type="A">
        {content.options.map((option, index) => (
          <li key={index} className={answer.has(index) ? 'is-answer' : undefined}>
            <span className="option-letter">{optionLetter(index)}.</span> {option}
            {answer.has(index) && <span className="visually-hidden"> ({t('bank.editor.correct')})</span>}
          </li>
        ))}
      </ol>
      {content.answer && (
        <p>
          {t('bank.editor.answerKey')}: <strong>{[...answer].sort((a, b) => a - b).map(optionLetter).join('')}</strong>
        </p>
      )}
    </article>
  );
}
