import { doubled } from './columns.js';
import { groupIndicesByKey } from './groups.js';

/**
 * Minimum-cost flow by the primal network simplex, for integer capacities and non-negative integer costs. Every
 * unit of supply must reach the sink: give each source an arc to the sink whose cost is the price of leaving that
 * supply unserved. The basis is a spanning tree on the nodes and an extra root (see startingTree), kept as parent,
 * tree arc, depth-first order (thread), subtree size and last node of the subtree; the entering arc is the most
 * negative reduced cost in a block of arcs read in turn (block search, as in LEMON's NetworkSimplex), among the arcs
 * priced so far: deferred arcs are priced once those are optimal (see addArc). Which of several equally cheap
 * flows it returns is its own affair; since the repair (repairByChains) rounding depends on it far less, though it
 * can still move a few hours at M.
 */
export class MinCostFlow {
  private tails: Int32Array;
  private heads: Int32Array;
  private capacities: Int32Array;
  private costs: Float64Array;
  private deferred: Uint8Array;
  private arcCount = 0;
  private deferredCount = 0;
  private readonly supplies: Float64Array;
  private flows: Int32Array | null = null;

  /** `expectedArcs` sizes the arc arrays at the start; they grow past it. */
  constructor(
    readonly nodeCount: number,
    readonly sink: number,
    expectedArcs = 1024,
  ) {
    this.supplies = new Float64Array(nodeCount);
    const size = Math.max(expectedArcs, 16);
    this.tails = new Int32Array(size);
    this.heads = new Int32Array(size);
    this.capacities = new Int32Array(size);
    this.costs = new Float64Array(size);
    this.deferred = new Uint8Array(size);
  }

  /**
   * Adds an arc and returns its index, to read its flow after solve(). A deferred arc is priced only once the others
   * are optimal, and taken in then if it pays: the optimum is the same, found over fewer arcs when few deferred ones
   * are worth taking (column generation).
   */
  addArc(tail: number, head: number, capacity: number, cost: number, deferred = false): number {
    if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError(`capacity ${capacity}`);
    if (!Number.isInteger(cost) || cost < 0) throw new RangeError(`cost ${cost}`);
    if (this.arcCount === this.tails.length) this.grow();
    const arc = this.arcCount++;
    this.tails[arc] = tail;
    this.heads[arc] = head;
    this.capacities[arc] = capacity;
    this.costs[arc] = cost;
    if (deferred) {
      this.deferred[arc] = 1;
      this.deferredCount++;
    }
    return arc;
  }

  addSupply(node: number, amount: number): void {
    if (!Number.isInteger(amount) || amount < 0) throw new RangeError(`supply ${amount}`);
    this.supplies[node] += amount;
  }

  flow(arc: number): number {
    if (!this.flows) throw new Error('solve() first');
    return this.flows[arc];
  }

  solve(): void {
    const m = this.arcCount;
    const simplex = new NetworkSimplex(
      this.nodeCount,
      this.sink,
      this.supplies,
      this.tails.subarray(0, m),
      this.heads.subarray(0, m),
      this.capacities.subarray(0, m),
      this.costs.subarray(0, m),
      this.deferred.subarray(0, m),
    );
    simplex.run();
    const flows = new Int32Array(m);
    for (let i = 0; i < m; i++) flows[simplex.arcAt[i]] = simplex.flow[i];
    this.flows = flows;
  }

  private grow(): void {
    this.tails = doubled(this.tails);
    this.heads = doubled(this.heads);
    this.capacities = doubled(this.capacities);
    this.costs = doubled(this.costs);
    this.deferred = doubled(this.deferred);
  }
}

/** States of an arc: at its lower bound, in the tree, at its upper bound (the sign of its reduced cost's use). */
const LOWER = 1;
const TREE = 0;
const UPPER = -1;
/** A tree arc points up (from the node to its parent) or down. */
const UP = 1;
const DOWN = -1;
const UNBOUNDED = 0x7fffffff;
/** Blocks of arcs priced per pivot: 0.3 √m read the fewest arcs on the benchmark's networks (1 √m in LEMON). */
const BLOCK_PER_ROOT_OF_ARCS = 0.3;
/** Deferred arcs taken in at once: the most negative, at most a quarter of the arcs priced so far (or 1,000). */
const TAKE_SHARE = 0.25;
const TAKE_AT_LEAST = 1000;

class NetworkSimplex {
  private readonly tail: Int32Array;
  private readonly head: Int32Array;
  private readonly capacity: Int32Array;
  private readonly cost: Float64Array;
  readonly flow: Int32Array;
  private readonly state: Int8Array;
  private readonly realArcs: number;
  /** Arcs [0, priced) are priced each pivot; [priced, realArcs) are the deferred ones not taken in yet. */
  private priced: number;
  /** The position each arc was given at: taking deferred arcs in moves them. */
  readonly arcAt: Int32Array;
  /** The deferred arcs' reduced costs at the last pricing of them. */
  private readonly reduced: Float64Array;
  private readonly root: number;
  /** Node potentials, with reduced cost cost + potential[tail] − potential[head]. */
  private readonly potential: Float64Array;
  private readonly parent: Int32Array;
  /** The tree arc joining a node to its parent, and its direction. */
  private readonly pred: Int32Array;
  private readonly predDirection: Int8Array;
  /** The nodes in depth-first order, as a ring: thread[v] follows v, previous[v] precedes it. */
  private readonly thread: Int32Array;
  private readonly previous: Int32Array;
  private readonly subtreeSize: Int32Array;
  private readonly lastInSubtree: Int32Array;
  /** Nodes whose successor in the thread changed during a tree update. */
  private readonly dirty: Int32Array;
  private blockSize: number;
  private nextArc = 0;
  // The pivot under way.
  private entering = 0;
  private join = 0;
  private uIn = 0;
  private vIn = 0;
  private uOut = 0;
  private delta = 0;

  constructor(
    n: number,
    sink: number,
    supplies: Float64Array,
    tails: Int32Array,
    heads: Int32Array,
    capacities: Int32Array,
    costs: Float64Array,
    deferred: Uint8Array,
  ) {
    const m = tails.length;
    const all = m + n;
    this.realArcs = m;
    this.root = n;
    // Every node's first arc of a cheapest path to the sink is priced from the start, so every node has a path in the
    // first tree and a potential that prices the deferred arcs fairly. The priced arcs come first.
    const towardSink = cheapestPathsTo(sink, n, tails, heads, capacities, costs);
    const later = new Uint8Array(deferred);
    for (let v = 0; v < n; v++) if (towardSink[v] >= 0) later[towardSink[v]] = 0;
    let priced = 0;
    for (let e = 0; e < m; e++) if (later[e] === 0) priced++;
    this.priced = priced;
    this.reduced = new Float64Array(priced < m ? m : 0);
    this.arcAt = new Int32Array(m);
    const positionOf = new Int32Array(m);
    for (let e = 0, now = 0, next = priced; e < m; e++) {
      const at = later[e] === 0 ? now++ : next++;
      this.arcAt[at] = e;
      positionOf[e] = at;
    }
    this.tail = new Int32Array(all);
    this.head = new Int32Array(all);
    this.capacity = new Int32Array(all);
    this.cost = new Float64Array(all);
    this.flow = new Int32Array(all);
    this.state = new Int8Array(all).fill(LOWER);
    for (let at = 0; at < m; at++) {
      const e = this.arcAt[at];
      this.tail[at] = tails[e];
      this.head[at] = heads[e];
      this.capacity[at] = capacities[e];
      this.cost[at] = costs[e];
    }
    for (let v = 0; v < n; v++) if (towardSink[v] >= 0) towardSink[v] = positionOf[towardSink[v]];
    this.potential = new Float64Array(n + 1);
    this.parent = new Int32Array(n + 1);
    this.pred = new Int32Array(n + 1);
    this.predDirection = new Int8Array(n + 1);
    this.thread = new Int32Array(n + 1);
    this.previous = new Int32Array(n + 1);
    this.subtreeSize = new Int32Array(n + 1);
    this.lastInSubtree = new Int32Array(n + 1);
    this.dirty = new Int32Array(n + 1);
    this.blockSize = blockSizeFor(priced);

    let maxCost = 0;
    for (let i = 0; i < m; i++) maxCost = Math.max(maxCost, costs[i]);
    this.startingTree(sink, supplies, towardSink, (maxCost + 1) * (n + 1));
  }

  /**
   * The first basis: each source sends its supply along an arc straight to the sink if one can carry it (else to
   * the root, and the root to the sink at a price above any path). A node with no arc to the sink hangs, without
   * flow, on its cheapest arc from a source (an order's day on the order), else, like every other node, on its
   * first arc of a cheapest path to the sink. Most first pivots then move flow, where a start on the root alone
   * spends most pivots moving none. Hung on its cheapest shift instead, a day took a third more pivots at S2 (the
   * benchmark's), nearly all moving no flow: once that shift is full, the day's zero flow to it can't shrink.
   */
  private startingTree(sink: number, supplies: Float64Array, towardSink: Int32Array, artificialCost: number): void {
    const n = this.root;
    const m = this.realArcs;
    const { tail, head, capacity, cost, flow, state, parent, pred, predDirection, priced } = this;
    const root = n;
    const direct = new Int32Array(n).fill(-1);
    for (let e = 0; e < priced; e++) {
      const v = tail[e];
      if (head[e] === sink && v !== sink && capacity[e] >= supplies[v] && (direct[v] < 0 || cost[e] < cost[direct[v]]))
        direct[v] = e;
    }
    const fed = new Int32Array(n).fill(-1);
    for (let e = 0; e < priced; e++) {
      const v = head[e];
      if (supplies[tail[e]] === 0 || supplies[v] > 0 || capacity[e] === 0) continue;
      if (towardSink[v] >= 0 && head[towardSink[v]] === sink) continue;
      if (fed[v] < 0 || cost[e] < cost[fed[v]]) fed[v] = e;
    }
    let viaRoot = 0;
    for (let v = 0, e = m; v < n; v++, e++) {
      capacity[e] = UNBOUNDED;
      if (v === sink) {
        tail[e] = root;
        head[e] = v;
        cost[e] = artificialCost;
      } else {
        tail[e] = v;
        head[e] = root;
      }
      const supply = v === sink ? 0 : supplies[v];
      let arc = v === sink ? -1 : supply > 0 ? direct[v] : fed[v] >= 0 ? fed[v] : towardSink[v];
      if (arc < 0) {
        arc = e;
        viaRoot += supply;
      }
      flow[arc] = supply;
      state[arc] = TREE;
      pred[v] = arc;
      parent[v] = tail[arc] === v ? head[arc] : tail[arc];
      predDirection[v] = tail[arc] === v ? UP : DOWN;
    }
    flow[m + sink] = viaRoot;
    parent[root] = -1;
    pred[root] = -1;
    this.threadTree();
  }

  /** Thread, sizes and last nodes of the tree given by parent, in depth-first order from the root; potentials along it. */
  private threadTree(): void {
    const { parent, pred, predDirection, thread, previous, subtreeSize, lastInSubtree, potential, cost } = this;
    const root = this.root;
    const n = root + 1;
    const { first: firstChild, items: children } = groupIndicesByKey(parent.subarray(0, root), n);
    const stack = new Int32Array(n);
    const next = firstChild.slice(0, n);
    let depth = 0;
    let last = root;
    stack[0] = root;
    potential[root] = 0;
    subtreeSize[root] = 1;
    while (depth >= 0) {
      const v = stack[depth];
      if (next[v] < firstChild[v + 1]) {
        const child = children[next[v]++];
        potential[child] = potential[v] - predDirection[child] * cost[pred[child]];
        thread[last] = child;
        previous[child] = last;
        last = child;
        subtreeSize[child] = 1;
        stack[++depth] = child;
      } else {
        lastInSubtree[v] = last;
        if (depth > 0) subtreeSize[parent[v]] += subtreeSize[v];
        depth--;
      }
    }
    thread[last] = root;
    previous[root] = last;
  }

  run(): void {
    while (this.findEntering() || this.takeDeferred()) {
      this.findJoin();
      const change = this.findLeaving();
      this.changeFlow(change);
      if (change) {
        this.updateTree();
        this.updatePotential();
      }
    }
    for (let e = this.realArcs; e < this.flow.length; e++)
      if (this.flow[e] !== 0) throw new Error('some supply cannot reach the sink');
  }

  /**
   * When the priced arcs are optimal: the deferred arcs whose reduced cost is negative join them (swapped to the
   * end of the priced ones; a deferred arc is never in the tree), and the first of them enters. False when none.
   */
  private takeDeferred(): boolean {
    const { cost, potential, tail, head } = this;
    const first = this.priced;
    const m = this.realArcs;
    const reduced = this.reduced;
    let negative = 0;
    for (let e = first; e < m; e++) {
      const r = cost[e] + potential[tail[e]] - potential[head[e]];
      reduced[e] = r;
      if (r < 0) negative++;
    }
    if (negative === 0) return false;
    const cap = Math.max(TAKE_AT_LEAST, Math.ceil(TAKE_SHARE * first));
    let limit = 0;
    if (negative > cap) {
      const values = new Float64Array(negative);
      for (let e = first, i = 0; e < m; e++) if (reduced[e] < 0) values[i++] = reduced[e];
      limit = kthSmallest(values, cap - 1);
    }
    for (let e = first; e < m; e++) {
      const r = reduced[e];
      if (r < 0 && (negative <= cap || r <= limit)) this.swapArcs(e, this.priced++);
    }
    this.blockSize = blockSizeFor(this.priced);
    this.entering = first;
    this.nextArc = first;
    return true;
  }

  /** Two arcs off the tree trade places (a deferred one joining the priced ones). */
  private swapArcs(a: number, b: number): void {
    for (const column of [this.tail, this.head, this.capacity, this.cost, this.flow, this.state, this.arcAt]) {
      const kept = column[a];
      column[a] = column[b];
      column[b] = kept;
    }
  }

  /** Block search: the most negative reduced cost in the first block of arcs that has one, from where it left off. */
  private findEntering(): boolean {
    const { state, cost, potential, tail, head, blockSize } = this;
    const m = this.priced;
    let best = 0;
    let count = blockSize;
    let e = this.nextArc;
    for (let seen = 0; seen < m; seen++) {
      const reduced = state[e] * (cost[e] + potential[tail[e]] - potential[head[e]]);
      if (reduced < best) {
        best = reduced;
        this.entering = e;
      }
      if (++e === m) e = 0;
      if (--count === 0) {
        if (best < 0) break;
        count = blockSize;
      }
    }
    this.nextArc = e;
    return best < 0;
  }

  private findJoin(): void {
    const { parent, subtreeSize } = this;
    let u = this.tail[this.entering];
    let v = this.head[this.entering];
    while (u !== v) {
      if (subtreeSize[u] < subtreeSize[v]) u = parent[u];
      else v = parent[v];
    }
    this.join = u;
  }

  /** The arc of the cycle that limits the change first (the last such on the second side); false if the entering one does. */
  private findLeaving(): boolean {
    const { parent, pred, predDirection, flow, capacity, join } = this;
    const e = this.entering;
    const forward = this.state[e] === LOWER;
    const first = forward ? this.tail[e] : this.head[e];
    const second = forward ? this.head[e] : this.tail[e];
    let delta = capacity[e];
    let side = 0;
    for (let u = first; u !== join; u = parent[u]) {
      const arc = pred[u];
      const room = predDirection[u] === DOWN ? capacity[arc] - flow[arc] : flow[arc];
      if (room < delta) {
        delta = room;
        this.uOut = u;
        side = 1;
      }
    }
    for (let u = second; u !== join; u = parent[u]) {
      const arc = pred[u];
      const room = predDirection[u] === UP ? capacity[arc] - flow[arc] : flow[arc];
      if (room <= delta) {
        delta = room;
        this.uOut = u;
        side = 2;
      }
    }
    this.delta = delta;
    this.uIn = side === 1 ? first : second;
    this.vIn = side === 1 ? second : first;
    return side !== 0;
  }

  private changeFlow(change: boolean): void {
    const { parent, pred, predDirection, flow, state, join } = this;
    const e = this.entering;
    if (this.delta > 0) {
      const amount = state[e] * this.delta;
      flow[e] += amount;
      for (let u = this.tail[e]; u !== join; u = parent[u]) flow[pred[u]] -= predDirection[u] * amount;
      for (let u = this.head[e]; u !== join; u = parent[u]) flow[pred[u]] += predDirection[u] * amount;
    }
    if (change) {
      state[e] = TREE;
      const leaving = pred[this.uOut];
      state[leaving] = flow[leaving] === 0 ? LOWER : UPPER;
    } else state[e] = -state[e];
  }

  /**
   * Hangs the subtree cut off by the leaving arc under vIn through the entering arc: the stem from uIn up to uOut
   * turns over, and the thread, sizes and last nodes are mended along it and up to the join.
   */
  private updateTree(): void {
    const { parent, pred, predDirection, thread, previous, subtreeSize, lastInSubtree, dirty } = this;
    const { uIn, vIn, uOut, join } = this;
    const oldPrevious = previous[uOut];
    const oldSize = subtreeSize[uOut];
    const oldLast = lastInSubtree[uOut];
    const vOut = parent[uOut];
    if (uIn === uOut) {
      parent[uIn] = vIn;
      pred[uIn] = this.entering;
      predDirection[uIn] = uIn === this.tail[this.entering] ? UP : DOWN;
      if (thread[vIn] !== uOut) {
        let after = thread[oldLast];
        thread[oldPrevious] = after;
        previous[after] = oldPrevious;
        after = thread[vIn];
        thread[vIn] = uOut;
        previous[uOut] = vIn;
        thread[oldLast] = after;
        previous[after] = oldLast;
      }
    } else {
      const continueWith = oldPrevious === vIn ? thread[oldLast] : thread[vIn];
      let stem = uIn;
      let stemParent = vIn;
      let last = lastInSubtree[uIn];
      let after = thread[last];
      let dirtyCount = 0;
      thread[vIn] = uIn;
      dirty[dirtyCount++] = vIn;
      while (stem !== uOut) {
        const nextStem = parent[stem];
        thread[last] = nextStem;
        dirty[dirtyCount++] = last;
        const before = previous[stem];
        thread[before] = after;
        previous[after] = before;
        parent[stem] = stemParent;
        stemParent = stem;
        stem = nextStem;
        last = lastInSubtree[stem] === lastInSubtree[stemParent] ? previous[stemParent] : lastInSubtree[stem];
        after = thread[last];
      }
      parent[uOut] = stemParent;
      thread[last] = continueWith;
      previous[continueWith] = last;
      lastInSubtree[uOut] = last;
      if (oldPrevious !== vIn) {
        thread[oldPrevious] = after;
        previous[after] = oldPrevious;
      }
      for (let i = 0; i < dirtyCount; i++) previous[thread[dirty[i]]] = dirty[i];
      let size = 0;
      const stemLast = lastInSubtree[uOut];
      for (let u = uOut, p = parent[u]; u !== uIn; u = p, p = parent[u]) {
        pred[u] = pred[p];
        predDirection[u] = -predDirection[p];
        size += subtreeSize[u] - subtreeSize[p];
        subtreeSize[u] = size;
        lastInSubtree[p] = stemLast;
      }
      pred[uIn] = this.entering;
      predDirection[uIn] = uIn === this.tail[this.entering] ? UP : DOWN;
      subtreeSize[uIn] = oldSize;
    }
    const outLimit = lastInSubtree[join] === vIn ? join : -1;
    const lastOut = lastInSubtree[uOut];
    for (let u = vIn; u !== -1 && lastInSubtree[u] === vIn; u = parent[u]) lastInSubtree[u] = lastOut;
    if (join !== oldPrevious && vIn !== oldPrevious) {
      for (let u = vOut; u !== outLimit && lastInSubtree[u] === oldLast; u = parent[u]) lastInSubtree[u] = oldPrevious;
    } else if (lastOut !== oldLast) {
      for (let u = vOut; u !== outLimit && lastInSubtree[u] === oldLast; u = parent[u]) lastInSubtree[u] = lastOut;
    }
    for (let u = vIn; u !== join; u = parent[u]) subtreeSize[u] += oldSize;
    for (let u = vOut; u !== join; u = parent[u]) subtreeSize[u] -= oldSize;
  }

  /** The moved subtree's potentials shift so the entering arc's reduced cost is 0. */
  private updatePotential(): void {
    const { potential, thread, uIn } = this;
    const shift = potential[this.vIn] - potential[uIn] - this.predDirection[uIn] * this.cost[this.entering];
    const end = thread[this.lastInSubtree[uIn]];
    for (let u = uIn; u !== end; u = thread[u]) potential[u] += shift;
  }
}

/** The k-th smallest of the values (0 the smallest), by quickselect; reorders them. */
function kthSmallest(values: Float64Array, k: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const pivot = values[(low + high) >>> 1];
    let i = low;
    let j = high;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const swap = values[i];
        values[i++] = values[j];
        values[j--] = swap;
      }
    }
    if (k <= j) high = j;
    else if (k >= i) low = i;
    else return values[k];
  }
  return values[k];
}

function blockSizeFor(pricedArcs: number): number {
  return Math.max(10, Math.ceil(BLOCK_PER_ROOT_OF_ARCS * Math.sqrt(pricedArcs)));
}

/** Per node the first arc of a cheapest path to the target over arcs with capacity (-1 for none), by Dijkstra. */
function cheapestPathsTo(
  target: number,
  n: number,
  tails: Int32Array,
  heads: Int32Array,
  capacities: Int32Array,
  costs: Float64Array,
): Int32Array {
  const { first: firstIn, items: incoming } = groupIndicesByKey(heads, n);
  const via = new Int32Array(n).fill(-1);
  const distance = new Float64Array(n).fill(Infinity);
  const done = new Uint8Array(n);
  const heap = new Heap(tails.length + 1);
  distance[target] = 0;
  heap.push(0, target);
  while (heap.size > 0) {
    const v = heap.pop();
    if (done[v]) continue;
    done[v] = 1;
    for (let k = firstIn[v]; k < firstIn[v + 1]; k++) {
      const e = incoming[k];
      const u = tails[e];
      const d = distance[v] + costs[e];
      if (capacities[e] > 0 && !done[u] && d < distance[u]) {
        distance[u] = d;
        via[u] = e;
        heap.push(d, u);
      }
    }
  }
  return via;
}

/** Binary min-heap of (key, node) pairs; a node may be in it more than once. */
class Heap {
  private readonly keys: Float64Array;
  private readonly nodes: Int32Array;
  size = 0;

  constructor(capacity: number) {
    this.keys = new Float64Array(capacity);
    this.nodes = new Int32Array(capacity);
  }

  push(key: number, node: number): void {
    const { keys, nodes } = this;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent] <= key) break;
      keys[i] = keys[parent];
      nodes[i] = nodes[parent];
      i = parent;
    }
    keys[i] = key;
    nodes[i] = node;
  }

  pop(): number {
    const { keys, nodes } = this;
    const top = nodes[0];
    const size = --this.size;
    const key = keys[size];
    const node = nodes[size];
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && keys[child + 1] < keys[child]) child++;
      if (keys[child] >= key) break;
      keys[i] = keys[child];
      nodes[i] = nodes[child];
      i = child;
    }
    keys[i] = key;
    nodes[i] = node;
    return top;
  }
}
