/**
 * Query, projection, update and aggregation semantics for the embedded store, built on mingo.
 *
 * mingo runs with a private operator context: `$out`/`$merge` are left out (they would write to
 * an in-memory array instead of the store), `$sort` is replaced by one that follows BSON
 * cross-type order, scripts (`$where`, `$function`, `$accumulator`) are disabled, and every mingo
 * failure becomes a MongoDB error naming the operator. Filters that mingo would answer wrongly
 * (Decimal128/large Long comparisons, `$type` on int/long/double) are refused with NotImplemented.
 */
import { Decimal128, Long, ObjectId, Timestamp } from 'bson';
import { Aggregator } from 'mingo/aggregator';
import { Context, evalExpr, ProcessingMode } from 'mingo/core';
import { Lazy, type Iterator as LazyIterator } from 'mingo/lazy';
import * as accumulatorOperators from 'mingo/operators/accumulator';
import * as expressionOperators from 'mingo/operators/expression';
import * as pipelineOperators from 'mingo/operators/pipeline';
import * as projectionOperators from 'mingo/operators/projection';
import * as queryOperators from 'mingo/operators/query';
import * as windowOperators from 'mingo/operators/window';
import { Query } from 'mingo/query';
import type { Options } from 'mingo/types';
import * as updateOperators from 'mingo/operators/update';
import { update as mingoUpdate } from 'mingo/updater';
import {
  cloneValue,
  getPath,
  isNumeric,
  isPlainObject,
  sortBySpec,
  pathValues,
  setPath,
  valueKey,
  type Doc,
} from './bson-values';
import { CommandError, ErrorCode } from './command-error';

/** Query operators MongoDB 7 knows (used to tell "unsupported here" from "unknown"). */
const MONGO_QUERY_OPERATORS = new Set(
  ('$eq $gt $gte $in $lt $lte $ne $nin $and $not $nor $or $exists $type $expr $jsonSchema $mod ' +
    '$regex $options $text $where $geoIntersects $geoWithin $near $nearSphere $all $elemMatch $size ' +
    '$bitsAllClear $bitsAllSet $bitsAnyClear $bitsAnySet $comment $box $center $centerSphere ' +
    '$geometry $maxDistance $minDistance $polygon $sampleRate $search $language $caseSensitive ' +
    '$diacriticSensitive').split(' '),
);

/** Aggregation stages MongoDB 7 knows. */
const MONGO_STAGES = new Set(
  ('$addFields $bucket $bucketAuto $changeStream $changeStreamSplitLargeEvent $collStats $count ' +
    '$currentOp $densify $documents $facet $fill $geoNear $graphLookup $group $indexStats $limit ' +
    '$listLocalSessions $listSampledQueries $listSearchIndexes $listSessions $lookup $match $merge ' +
    '$out $planCacheStats $project $redact $replaceRoot $replaceWith $sample $search $searchMeta $set ' +
    '$setWindowFields $shardedDataDistribution $skip $sort $sortByCount $unionWith $unset $unwind ' +
    '$vectorSearch').split(' '),
);

/** Update operators MongoDB 7 knows. */
const MONGO_UPDATE_OPERATORS = new Set(
  '$set $unset $inc $mul $min $max $rename $push $addToSet $pop $pull $pullAll $bit $currentDate $setOnInsert'.split(
    ' ',
  ),
);

type SortSpec = Record<string, 1 | -1>;

/** `$sort` stage following BSON comparison order (arrays by min/max element). */
function bsonSortStage(coll: LazyIterator, sortKeys: unknown): LazyIterator {
  const spec = parseSort(sortKeys);
  return coll.transform((docs: Doc[]) => Lazy(sortBySpec(docs, spec)));
}

const pipelineOps: Record<string, unknown> = { ...pipelineOperators, $sort: bsonSortStage };
delete pipelineOps.$out;
delete pipelineOps.$merge;

type ExpressionOperator = (obj: unknown, expr: unknown, options: unknown) => unknown;

/** mongod returns null from date-part operators for a null or missing date; mingo throws. */
function nullSafeDatePart(operator: ExpressionOperator): ExpressionOperator {
  return (obj, expr, options) => {
    const dateExpr = isPlainObject(expr) && 'date' in expr ? expr.date : expr;
    const value = evalExpr(obj as never, dateExpr as never, options as never);
    if (value === null || value === undefined) return null;
    return operator(obj, expr, options);
  };
}

const DATE_PART_OPERATORS = [
  '$year',
  '$month',
  '$dayOfMonth',
  '$dayOfWeek',
  '$dayOfYear',
  '$hour',
  '$minute',
  '$second',
  '$millisecond',
  '$week',
  '$isoWeek',
  '$isoWeekYear',
  '$isoDayOfWeek',
];
const expressionOps: Record<string, unknown> = { ...expressionOperators };
for (const name of DATE_PART_OPERATORS) {
  if (typeof expressionOps[name] === 'function') expressionOps[name] = nullSafeDatePart(expressionOps[name] as ExpressionOperator);
}

const CONTEXT = Context.init({
  accumulator: accumulatorOperators,
  expression: expressionOps as never,
  pipeline: pipelineOps as never,
  projection: projectionOperators,
  query: queryOperators,
  window: windowOperators,
});

const BASE_OPTIONS: Partial<Options> = {
  context: CONTEXT,
  scriptEnabled: false,
  useStrictMode: true,
  idKey: '_id',
  processingMode: ProcessingMode.CLONE_OFF,
};

/** Options for mingo with optional `let` variables and a `$lookup` collection resolver. */
export function mingoOptions(extra: Partial<Options> = {}): Partial<Options> {
  return { ...BASE_OPTIONS, ...extra };
}

/** Converts any failure thrown by mingo into a MongoDB error naming the offending operator. */
export function toCommandError(error: unknown): CommandError {
  if (error instanceof CommandError) return error;
  const message = error instanceof Error ? error.message : String(error);
  let m: RegExpMatchArray | null;
  if ((m = message.match(/unknown (top level )?(?:query )?operator:? (\$\w+)/))) {
    const op = m[2];
    if (MONGO_QUERY_OPERATORS.has(op)) return notImplemented(`query operator ${op}`);
    return new CommandError(ErrorCode.BadValue, `unknown ${m[1] ?? ''}operator: ${op}`);
  }
  if ((m = message.match(/unregistered pipeline operator (\$\w+)/))) {
    const op = m[1];
    if (MONGO_STAGES.has(op)) return notImplemented(`aggregation stage ${op}`);
    return new CommandError(ErrorCode.UnrecognizedPipelineStage, `Unrecognized pipeline stage name: '${op}'`);
  }
  if ((m = message.match(/(?:accumulator|operator|expression) '?(\$\w+)'? is not registered/))) {
    return new CommandError(
      ErrorCode.InvalidPipelineOperator,
      `Invalid expression :: caused by :: Unrecognized expression or accumulator '${m[1]}'`,
    );
  }
  if ((m = message.match(/Unknown update operator: '(\$\w+)'/))) {
    return new CommandError(
      ErrorCode.FailedToParse,
      `Unknown modifier: ${m[1]}. Expected a valid update modifier or pipeline-style update specified as an array`,
    );
  }
  if ((m = message.match(/updating the path '(.+)' would create a conflict at '(.+)'/))) {
    return new CommandError(
      ErrorCode.ConflictingUpdateOperators,
      `Updating the path '${m[1]}' would create a conflict at '${m[2]}'`,
    );
  }
  if (/jsonSchema/.test(message)) return notImplemented('$jsonSchema');
  if (/scriptEnabled/.test(message)) return notImplemented('server-side JavaScript ($where, $function, $accumulator)');
  return new CommandError(ErrorCode.BadValue, message);
}

function notImplemented(what: string): CommandError {
  return new CommandError(ErrorCode.NotImplemented, `${what} is not implemented by the embedded store`);
}

const NUMERIC_TYPE_ALIASES = new Set(['int', 'long', 'double', 'decimal', 1, 16, 18, 19]);

/** Rejects filters whose answer mingo would get wrong; throws CommandError(238). */
function guardFilter(value: unknown, depth = 0): void {
  if (depth > 100) throw new CommandError(ErrorCode.BadValue, 'filter nested too deeply');
  if (value instanceof Decimal128 || value instanceof Long) {
    throw notImplemented('comparing Decimal128 or out-of-range Long values in a filter');
  }
  if (Array.isArray(value)) {
    for (const v of value) guardFilter(v, depth + 1);
    return;
  }
  if (!isPlainObject(value)) return;
  for (const [key, v] of Object.entries(value)) {
    if (key === '$type') {
      const types = Array.isArray(v) ? v : [v];
      for (const t of types) {
        if (NUMERIC_TYPE_ALIASES.has(t as string | number)) {
          throw notImplemented(`$type '${String(t)}' (numbers are stored without int/long/double distinction)`);
        }
      }
    }
    if (key === '$expr' || key === '$where') continue;
    guardFilter(v, depth + 1);
  }
}

/** A compiled filter: `test` answers whether a document matches. */
export interface CompiledFilter {
  readonly filter: Doc;
  readonly isEmpty: boolean;
  test(doc: Doc): boolean;
}

/**
 * Compiles a MongoDB filter. Throws CommandError for unknown/unsupported operators (2, 238).
 */
export function compileFilter(filter: unknown, variables?: Doc): CompiledFilter {
  const f = (filter ?? {}) as Doc;
  if (!isPlainObject(f)) throw new CommandError(ErrorCode.TypeMismatch, 'filter must be an object');
  if (Object.keys(f).length === 0) return { filter: f, isEmpty: true, test: () => true };
  const equalities = simpleEqualities(f);
  if (equalities) {
    return {
      filter: f,
      isEmpty: false,
      test: (doc: Doc) => equalities.every(([path, key]) => pathValues(doc, path).some((v) => valueKey(v) === key)),
    };
  }
  guardFilter(f);
  let query: Query;
  try {
    query = new Query(f, mingoOptions(variables ? { variables } : {}));
  } catch (error) {
    throw toCommandError(error);
  }
  return {
    filter: f,
    isEmpty: false,
    test(doc: Doc): boolean {
      try {
        return query.test(doc);
      } catch (error) {
        throw toCommandError(error);
      }
    },
  };
}

function isSimpleScalar(v: unknown): boolean {
  const t = typeof v;
  if (t === 'string' || t === 'boolean') return true;
  if (t === 'number') return !Number.isNaN(v);
  if (v instanceof Date) return true;
  return v instanceof ObjectId;
}

/**
 * `[path, valueKey]` pairs when the filter is only top-level equalities with scalar values
 * (`{ _id: x }`, `{ email: 'a', status: 'b' }`, `{ n: { $eq: 1 } }`), which are matched without
 * mingo: a field matches when it, or an element of an array on its path, equals the value.
 */
function simpleEqualities(filter: Doc): Array<[string, string]> | null {
  const out: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(filter)) {
    if (k.startsWith('$')) return null;
    let value = v;
    if (isPlainObject(v)) {
      const keys = Object.keys(v);
      if (keys.length !== 1 || keys[0] !== '$eq') return null;
      value = v.$eq;
    }
    if (!isSimpleScalar(value)) return null;
    out.push([k, valueKey(value)]);
  }
  return out;
}

/** Validates a sort specification (`{ field: 1 | -1 }`); throws BadValue otherwise. */
export function parseSort(sort: unknown): SortSpec {
  if (!isPlainObject(sort)) throw new CommandError(ErrorCode.BadValue, '$sort specification must be an object');
  const out: SortSpec = {};
  for (const [k, v] of Object.entries(sort)) {
    if (isPlainObject(v) && '$meta' in v) throw notImplemented(`sort by $meta '${String(v.$meta)}'`);
    const n = isNumeric(v) ? Number(v) : Number.NaN;
    if (n !== 1 && n !== -1) throw new CommandError(ErrorCode.BadValue, `$sort key ordering must be 1 (for ascending) or -1 (for descending)`);
    if (k === '$natural') throw notImplemented('$natural sort');
    out[k] = n;
  }
  return out;
}

/** Sorts documents (stable) by a MongoDB sort specification. */
export function sortDocs(docs: Doc[], sort: unknown): Doc[] {
  if (sort === undefined || sort === null) return docs;
  const spec = parseSort(sort);
  if (Object.keys(spec).length === 0) return docs;
  return sortBySpec(docs, spec);
}

let EMPTY_QUERY: Query | undefined;

/** Applies a find projection (uses the filter for positional `$` projections). */
export function projectDocs(docs: Doc[], filter: Doc, projection: unknown): Doc[] {
  if (!isPlainObject(projection) || Object.keys(projection).length === 0) return docs;
  try {
    // The filter is only needed for positional `field.$` projections.
    const isPositional = Object.keys(projection).some((k) => k.endsWith('.$'));
    const query = isPositional ? new Query(filter, mingoOptions()) : (EMPTY_QUERY ??= new Query({}, mingoOptions()));
    return query.find(docs, projection).all() as Doc[];
  } catch (error) {
    throw toCommandError(error);
  }
}

/** Resolves `from` collection names for `$lookup`/`$graphLookup`/`$unionWith`. */
export type CollectionResolver = (name: string) => Doc[];

/**
 * Runs an aggregation pipeline over documents that the caller has already cloned (mingo may
 * mutate its input). Throws CommandError naming unsupported or unknown stages/expressions.
 */
export function runPipeline(docs: Doc[], pipeline: Doc[], options: { resolver?: CollectionResolver; variables?: Doc } = {}): Doc[] {
  for (const stage of pipeline) {
    if (!isPlainObject(stage) || Object.keys(stage).length !== 1) {
      throw new CommandError(ErrorCode.BadValue, 'A pipeline stage specification object must contain exactly one field.');
    }
    const name = Object.keys(stage)[0];
    if (name === '$sort') parseSort(stage.$sort);
    guardStage(name, stage[name]);
  }
  try {
    const agg = new Aggregator(
      pipeline,
      mingoOptions({
        collectionResolver: options.resolver ? (name: string) => options.resolver!(name) : undefined,
        variables: options.variables,
      }),
    );
    return agg.run(docs) as Doc[];
  } catch (error) {
    throw toCommandError(error);
  }
}

function guardStage(name: string, spec: unknown): void {
  if (name === '$match') guardFilter(spec);
  if ((name === '$lookup' || name === '$facet' || name === '$unionWith') && isPlainObject(spec)) {
    const nested: unknown[] = [];
    if (name === '$facet') nested.push(...Object.values(spec));
    else if (Array.isArray(spec.pipeline)) nested.push(spec.pipeline);
    for (const p of nested) {
      if (Array.isArray(p)) for (const s of p) if (isPlainObject(s)) for (const [k, v] of Object.entries(s)) guardStage(k, v);
    }
  }
}

const POSITIONAL = /(^|\.)\$(\[[^\]]*\])?(\.|$)/;
const NUMERIC_OPERATORS = new Set(['$inc', '$mul']);
const CREATING_OPERATORS = new Set(['$set', '$inc', '$mul', '$min', '$max', '$push', '$addToSet', '$bit']);
const ARRAY_OPERATORS = new Set(['$push', '$addToSet', '$pull', '$pullAll', '$pop']);

function typeNameOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  if (v instanceof ObjectId) return 'objectId';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'double';
  if (typeof v === 'object') return isPlainObject(v) ? 'object' : String((v as { _bsontype?: string })._bsontype);
  return typeof v;
}

/** Checks an update path can be created in the document (mongod code 28 otherwise). */
function checkPathViable(doc: Doc, path: string): void {
  const parts = path.split('.');
  let cur: unknown = doc;
  for (let i = 0; i < parts.length - 1; i++) {
    const next: unknown = Array.isArray(cur) ? (/^\d+$/.test(parts[i]) ? cur[Number(parts[i])] : null) : (cur as Doc)[parts[i]];
    if (Array.isArray(cur) && !/^\d+$/.test(parts[i])) {
      throw new CommandError(ErrorCode.PathNotViable, `Cannot create field '${parts[i]}' in element {${parts.slice(0, i).join('.')}: [...]}`);
    }
    if (next === undefined) return;
    if (next === null || typeof next !== 'object' || (!Array.isArray(next) && !isPlainObject(next))) {
      throw new CommandError(
        ErrorCode.PathNotViable,
        `Cannot create field '${parts[i + 1]}' in element {${parts[i]}: ${JSON.stringify(next)}}`,
      );
    }
    cur = next;
  }
}

function idText(doc: Doc): string {
  const id = doc._id;
  return id instanceof ObjectId ? `ObjectId('${id.toHexString()}')` : JSON.stringify(id);
}

/** Result of applying an update to one document. */
export interface UpdateOutcome {
  /** The new document (a fresh object; the input is never mutated). */
  doc: Doc;
  /** Whether anything changed. */
  isChanged: boolean;
}

/**
 * Applies a MongoDB update (operator document, replacement document or pipeline) to a copy of
 * `doc`. `filter` serves the positional `$` operator; `isInsert` enables `$setOnInsert`.
 * Throws CommandError: 9 unknown modifier, 14 non-numeric $inc, 28 path not viable,
 * 40 conflicting paths, 66 `_id` changed.
 */
export function applyUpdate(
  doc: Doc,
  updateSpec: unknown,
  options: { arrayFilters?: Doc[]; filter?: Doc; isInsert?: boolean; variables?: Doc } = {},
): UpdateOutcome {
  let next: Doc;
  let isChanged: boolean | undefined;
  if (Array.isArray(updateSpec)) {
    next = applyPipelineUpdate(doc, updateSpec as Doc[], options.variables);
  } else if (!isPlainObject(updateSpec)) {
    throw new CommandError(ErrorCode.FailedToParse, 'Update argument must be either an object or an array');
  } else {
    const keys = Object.keys(updateSpec);
    const operatorKeys = keys.filter((k) => k.startsWith('$'));
    if (operatorKeys.length === 0) {
      next = applyReplacement(doc, updateSpec);
    } else {
      if (operatorKeys.length !== keys.length) {
        const plain = keys.find((k) => !k.startsWith('$'));
        throw new CommandError(
          ErrorCode.FailedToParse,
          `Unknown modifier: ${plain}. Expected a valid update modifier or pipeline-style update specified as an array`,
        );
      }
      const outcome = applyOperators(doc, updateSpec, options);
      next = outcome.doc;
      isChanged = outcome.isChanged;
    }
  }
  if (valueKey(next._id) !== valueKey(doc._id) && doc._id !== undefined) {
    throw new CommandError(ErrorCode.ImmutableField, `Performing an update on the path '_id' would modify the immutable field '_id'`);
  }
  if (next._id === undefined && doc._id !== undefined) next = { _id: doc._id, ...next };
  return { doc: next, isChanged: isChanged ?? valueKey(next) !== valueKey(doc) };
}

function applyReplacement(doc: Doc, replacement: Doc): Doc {
  const next: Doc = {};
  if (doc._id !== undefined) next._id = doc._id;
  for (const [k, v] of Object.entries(replacement)) {
    if (k === '_id' && doc._id !== undefined) {
      if (valueKey(v) !== valueKey(doc._id)) {
        throw new CommandError(
          ErrorCode.ImmutableField,
          `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${JSON.stringify(v)}`,
        );
      }
      continue;
    }
    next[k] = cloneValue(v);
  }
  return next;
}

function applyPipelineUpdate(doc: Doc, pipeline: Doc[], variables?: Doc): Doc {
  const allowed = new Set(['$addFields', '$set', '$project', '$unset', '$replaceRoot', '$replaceWith']);
  for (const stage of pipeline) {
    const name = isPlainObject(stage) ? Object.keys(stage)[0] : undefined;
    if (!name || !allowed.has(name)) {
      throw new CommandError(
        ErrorCode.InvalidOptions,
        `${String(name)} is not allowed to be used within an update`,
      );
    }
  }
  const out = runPipeline([cloneValue(doc)], pipeline, { variables });
  if (out.length !== 1) throw new CommandError(ErrorCode.BadValue, 'pipeline update must produce one document');
  return out[0];
}

function applyOperators(
  doc: Doc,
  spec: Doc,
  options: { arrayFilters?: Doc[]; filter?: Doc; isInsert?: boolean },
): UpdateOutcome {
  const ops: Doc = {};
  const extraSets: Doc = {};
  for (const [op, args] of Object.entries(spec)) {
    if (!MONGO_UPDATE_OPERATORS.has(op)) {
      throw new CommandError(
        ErrorCode.FailedToParse,
        `Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update specified as an array`,
      );
    }
    if (!isPlainObject(args)) {
      throw new CommandError(ErrorCode.FailedToParse, `Modifiers operate on fields but we found type ${typeNameOf(args)} instead. For example: {$mod: {<field>: ...}} not {${op}: ${JSON.stringify(args)}}`);
    }
    if (op === '$setOnInsert') {
      if (options.isInsert) Object.assign(extraSets, args);
      continue;
    }
    if (op === '$currentDate') {
      for (const [path, how] of Object.entries(args)) {
        const isTimestamp = isPlainObject(how) && how.$type === 'timestamp';
        if (!(how === true || (isPlainObject(how) && (how.$type === 'date' || how.$type === 'timestamp')))) {
          throw new CommandError(ErrorCode.BadValue, `${path} is not valid type for $currentDate. Please use a boolean ('true') or a $type expression ({$type: 'timestamp/date'}).`);
        }
        extraSets[path] = isTimestamp ? Timestamp.fromBits(0, Math.floor(Date.now() / 1000)) : new Date();
      }
      continue;
    }
    ops[op] = args;
  }
  if (Object.keys(extraSets).length > 0) {
    const set = { ...((ops.$set as Doc | undefined) ?? {}) };
    for (const [k, v] of Object.entries(extraSets)) {
      if (k in set) {
        throw new CommandError(ErrorCode.ConflictingUpdateOperators, `Updating the path '${k}' would create a conflict at '${k}'`);
      }
      set[k] = v;
    }
    ops.$set = set;
  }
  checkConflicts(ops);
  for (const [op, args] of Object.entries(ops)) {
    for (const [path, value] of Object.entries(args as Doc)) {
      if ((path === '_id' || path.startsWith('_id.')) && doc._id !== undefined) {
        if (op !== '$set' || valueKey(value) !== valueKey(getPath(doc, path))) {
          throw new CommandError(ErrorCode.ImmutableField, `Performing an update on the path '_id' would modify the immutable field '_id'`);
        }
      }
      if (POSITIONAL.test(path)) continue;
      if (CREATING_OPERATORS.has(op)) checkPathViable(doc, path);
      const current = getPath(doc, path);
      if (NUMERIC_OPERATORS.has(op)) {
        if (!isNumeric(value)) {
          throw new CommandError(ErrorCode.TypeMismatch, `Cannot ${op === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${path}: ${JSON.stringify(value)}}`);
        }
        if (current !== undefined && !isNumeric(current)) {
          throw new CommandError(
            ErrorCode.TypeMismatch,
            `Cannot apply ${op} to a value of non-numeric type. {_id: ${idText(doc)}} has the field '${path}' of non-numeric type ${typeNameOf(current)}`,
          );
        }
        if (current instanceof Long || current instanceof Decimal128 || value instanceof Long || value instanceof Decimal128) {
          throw notImplemented(`${op} on Decimal128 or out-of-range Long values`);
        }
      }
      if (ARRAY_OPERATORS.has(op) && current !== undefined && !Array.isArray(current)) {
        if (op === '$push' || op === '$addToSet') {
          throw new CommandError(
            ErrorCode.BadValue,
            `The field '${path}' must be an array but is of type ${typeNameOf(current)} in document {_id: ${idText(doc)}}`,
          );
        }
        if (current !== null) throw new CommandError(ErrorCode.BadValue, `Cannot apply ${op} to a non-array value`);
      }
    }
  }
  const next = cloneValue(doc);
  if (Object.keys(ops).length === 0) return { doc: next, isChanged: false };
  if (isFastUpdate(ops, options.arrayFilters)) {
    let isChanged = false;
    try {
      for (const [op, args] of Object.entries(ops)) {
        const apply = (FAST_UPDATE_OPERATORS as Record<string, (expr: unknown, arrayFilters: Doc[]) => (obj: Doc) => string[]>)[op];
        if (apply(args, [])(next).length > 0) isChanged = true;
      }
    } catch (error) {
      throw toCommandError(error);
    }
    return { doc: next, isChanged };
  }
  // The filter only matters for the positional `$` operator; compiling it costs time otherwise.
  const usesPositional = Object.values(ops).some((args) => Object.keys(args as Doc).some((p) => /(^|\.)\$(\.|$)/.test(p)));
  let changedPaths: string[];
  try {
    changedPaths = mingoUpdate(next, ops as never, options.arrayFilters ?? [], usesPositional ? (options.filter ?? {}) : {}, {
      cloneMode: 'deep',
      queryOptions: mingoOptions(),
    });
  } catch (error) {
    throw toCommandError(error);
  }
  return { doc: next, isChanged: changedPaths.length > 0 };
}

/** Operators applied directly (no query context needed): no conditions, no positional paths. */
const FAST_UPDATE_OPERATORS: Record<string, unknown> = {
  $set: updateOperators.$set,
  $unset: updateOperators.$unset,
  $inc: updateOperators.$inc,
  $mul: updateOperators.$mul,
  $min: updateOperators.$min,
  $max: updateOperators.$max,
  $push: updateOperators.$push,
  $addToSet: updateOperators.$addToSet,
  $pop: updateOperators.$pop,
  $pullAll: updateOperators.$pullAll,
  $rename: updateOperators.$rename,
};

function isFastUpdate(ops: Doc, arrayFilters: Doc[] | undefined): boolean {
  if (arrayFilters && arrayFilters.length > 0) return false;
  for (const [op, args] of Object.entries(ops)) {
    if (!(op in FAST_UPDATE_OPERATORS)) return false;
    for (const path of Object.keys(args as Doc)) if (path.includes('$')) return false;
  }
  return true;
}

/** Two update paths conflict when one equals or is a prefix of the other (mongod code 40). */
function checkConflicts(ops: Doc): void {
  const paths: string[] = [];
  for (const [op, args] of Object.entries(ops)) {
    for (const [path, value] of Object.entries(args as Doc)) {
      paths.push(path.replace(/\.\$(\[[^\]]*\])?/g, '.$'));
      if (op === '$rename' && typeof value === 'string') paths.push(value);
    }
  }
  const sorted = paths.slice().sort();
  for (let i = 1; i < sorted.length; i++) {
    const a = sorted[i - 1];
    const b = sorted[i];
    if (a === b || b.startsWith(a + '.')) {
      throw new CommandError(ErrorCode.ConflictingUpdateOperators, `Updating the path '${b}' would create a conflict at '${a}'`);
    }
  }
}

/**
 * The seed document of an upsert: the equality conditions of the filter (top level, `$eq`
 * and `$and` members), as MongoDB builds it before applying the update.
 */
export function upsertSeed(filter: Doc): Doc {
  const seed: Doc = {};
  const visit = (f: Doc): void => {
    for (const [k, v] of Object.entries(f)) {
      if (k === '$and' && Array.isArray(v)) {
        for (const sub of v) if (isPlainObject(sub)) visit(sub);
        continue;
      }
      if (k.startsWith('$')) continue;
      if (isPlainObject(v)) {
        const keys = Object.keys(v);
        if (keys.length > 0 && keys.every((x) => x.startsWith('$'))) {
          if ('$eq' in v) setPath(seed, k, cloneValue(v.$eq));
          continue;
        }
      }
      if (v instanceof RegExp) continue;
      setPath(seed, k, cloneValue(v));
    }
  };
  visit(filter);
  return seed;
}
