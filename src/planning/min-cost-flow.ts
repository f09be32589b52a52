/**
 * Minimum-cost flow by successive shortest paths (Dijkstra on reduced costs), for integer capacities and
 * non-negative integer costs. Every unit of supply must reach the sink: give each source an arc to the sink
 * whose cost is the price of leaving that supply unserved. Each search stops when it reaches the sink and only
 * the nodes it settled get new potentials, so a search costs the neighbourhood it explores, not the network.
 * Once the sink has a key, nodes reached at no less are not queued: they could not shorten the path.
 */
export class MinCostFlow {
  private tails: Int32Array;
  private heads: Int32Array;
  private capacities: Int32Array;
  private costs: Float64Array;
  private arcCount = 0;
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
  }

  /** Adds an arc and returns its index, to read its flow after solve(). */
  addArc(tail: number, head: number, capacity: number, cost: number): number {
    if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError(`capacity ${capacity}`);
    if (!Number.isInteger(cost) || cost < 0) throw new RangeError(`cost ${cost}`);
    if (this.arcCount === this.tails.length) this.grow();
    const arc = this.arcCount++;
    this.tails[arc] = tail;
    this.heads[arc] = head;
    this.capacities[arc] = capacity;
    this.costs[arc] = cost;
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
    const capacities = this.capacities.subarray(0, m);
    const residual = new ResidualGraph(
      this.nodeCount,
      this.tails.subarray(0, m),
      this.heads.subarray(0, m),
      capacities,
      this.costs.subarray(0, m),
    );
    for (let source = 0; source < this.nodeCount; source++) {
      let supply = this.supplies[source];
      while (supply > 0) supply -= residual.augmentShortestPath(source, this.sink, supply);
    }
    this.flows = residual.forwardFlows(capacities);
  }

  private grow(): void {
    const size = this.tails.length * 2;
    const grown = <T extends Int32Array | Float64Array>(from: T, to: T): T => (to.set(from), to);
    this.tails = grown(this.tails, new Int32Array(size));
    this.heads = grown(this.heads, new Int32Array(size));
    this.capacities = grown(this.capacities, new Int32Array(size));
    this.costs = grown(this.costs, new Float64Array(size));
  }
}

/** Rows of forward arcs up to this long are sorted by cost; longer ones are read in order only if they are. */
const SORTED_ROW = 32;

/**
 * Residual arcs: 2i is arc i forward, 2i + 1 its reverse. A node's forward arcs are in compressed rows; its
 * reverse arcs are listed only while they carry flow (a linked list), since a shift can be a candidate of
 * hundreds of orders but holds only a few of them: a search scans what it can use.
 */
class ResidualGraph {
  private readonly first: Int32Array;
  private readonly order: Int32Array;
  private readonly head: Int32Array;
  private readonly residual: Int32Array;
  private readonly cost: Float64Array;
  /** Per node the first reverse arc with residual capacity, then per residual arc the next one (-1 ends). */
  private readonly reverseFirst: Int32Array;
  private readonly reverseNext: Int32Array;
  private readonly reversePrevious: Int32Array;
  private readonly potential: Float64Array;
  private readonly distance: Float64Array;
  private readonly reachedIn: Int32Array;
  private readonly settledIn: Int32Array;
  private readonly viaArc: Int32Array;
  private readonly heap: MinHeap;
  private readonly settled: number[] = [];
  private search = 0;
  /** Per node 1 when its forward arcs are in order of cost, cheapest first. */
  private readonly byCost: Uint8Array;

  constructor(n: number, tails: Int32Array, heads: Int32Array, capacities: Int32Array, costs: Float64Array) {
    const m = tails.length;
    this.head = new Int32Array(2 * m);
    this.residual = new Int32Array(2 * m);
    this.cost = new Float64Array(2 * m);
    const degree = new Int32Array(n + 1);
    for (let i = 0; i < m; i++) {
      this.head[2 * i] = heads[i];
      this.head[2 * i + 1] = tails[i];
      this.residual[2 * i] = capacities[i];
      this.cost[2 * i] = costs[i];
      this.cost[2 * i + 1] = -costs[i];
      degree[tails[i] + 1]++;
    }
    for (let v = 0; v < n; v++) degree[v + 1] += degree[v];
    this.first = degree;
    this.order = new Int32Array(m);
    const fill = degree.slice(0, n);
    for (let i = 0; i < m; i++) this.order[fill[tails[i]]++] = 2 * i;
    this.byCost = new Uint8Array(n);
    for (let v = 0; v < n; v++) this.byCost[v] = this.sortRow(degree[v], degree[v + 1]) ? 1 : 0;
    this.reverseFirst = new Int32Array(n).fill(-1);
    this.reverseNext = new Int32Array(2 * m);
    this.reversePrevious = new Int32Array(2 * m);
    this.potential = new Float64Array(n);
    this.distance = new Float64Array(n);
    this.reachedIn = new Int32Array(n);
    this.settledIn = new Int32Array(n);
    this.viaArc = new Int32Array(n);
    this.heap = new MinHeap(n);
  }

  /** Sends up to `limit` units from source to sink along a cheapest path; returns how many went. */
  augmentShortestPath(source: number, sink: number, limit: number): number {
    const sinkDistance = this.dijkstra(source, sink);
    const { potential, distance, head, residual, viaArc } = this;
    for (const v of this.settled) potential[v] += distance[v] - sinkDistance;
    let amount = limit;
    for (let v = sink; v !== source; v = head[viaArc[v] ^ 1]) amount = Math.min(amount, residual[viaArc[v]]);
    for (let v = sink; v !== source; v = head[viaArc[v] ^ 1]) {
      const arc = viaArc[v];
      const back = arc ^ 1;
      residual[arc] -= amount;
      if (arc & 1 && residual[arc] === 0) this.unlist(arc);
      if (back & 1 && residual[back] === 0) this.list(back);
      residual[back] += amount;
    }
    return amount;
  }

  forwardFlows(capacities: Int32Array): Int32Array {
    const flows = new Int32Array(capacities.length);
    for (let i = 0; i < capacities.length; i++) flows[i] = capacities[i] - this.residual[2 * i];
    return flows;
  }

  /**
   * Puts a short row of forward arcs in order of cost (a stable insertion sort), or tells whether a long one is
   * already: a search stops reading a row in order once an arc's cost alone reaches the sink's key.
   */
  private sortRow(start: number, end: number): boolean {
    const { order, cost } = this;
    if (end - start > SORTED_ROW) {
      for (let k = start + 1; k < end; k++) if (cost[order[k]] < cost[order[k - 1]]) return false;
      return true;
    }
    for (let k = start + 1; k < end; k++) {
      const arc = order[k];
      let j = k;
      for (; j > start && cost[order[j - 1]] > cost[arc]; j--) order[j] = order[j - 1];
      order[j] = arc;
    }
    return true;
  }

  /** A reverse arc leaves from the head of its forward arc. */
  private list(arc: number): void {
    const node = this.head[arc ^ 1];
    const next = this.reverseFirst[node];
    this.reverseNext[arc] = next;
    this.reversePrevious[arc] = -1;
    if (next >= 0) this.reversePrevious[next] = arc;
    this.reverseFirst[node] = arc;
  }

  private unlist(arc: number): void {
    const previous = this.reversePrevious[arc];
    const next = this.reverseNext[arc];
    if (previous >= 0) this.reverseNext[previous] = next;
    else this.reverseFirst[this.head[arc ^ 1]] = next;
    if (next >= 0) this.reversePrevious[next] = previous;
  }

  /**
   * Dijkstra on reduced costs from the source, stopped when the sink is settled. A node's arcs are its forward
   * row (read in order only up to the sink's key when the row is sorted), then its reverse arcs carrying flow.
   */
  private dijkstra(source: number, sink: number): number {
    const { first, order, reverseFirst, reverseNext, heap, settled, settledIn, reachedIn, cost, residual, head } = this;
    const { potential, distance, viaArc, byCost } = this;
    const search = ++this.search;
    /** The sink's key so far in this search: a node reached at no less can't shorten the path to it. */
    let bound = Infinity;
    settled.length = 0;
    heap.clear();
    distance[source] = 0;
    reachedIn[source] = search;
    heap.push(0, source);
    while (heap.size > 0) {
      const u = heap.pop();
      const key = distance[u];
      settledIn[u] = search;
      settled.push(u);
      if (u === sink) return key;
      const base = potential[u] + key;
      const sorted = byCost[u] === 1;
      const end = first[u + 1];
      let k = first[u];
      let reverse = reverseFirst[u];
      for (;;) {
        let a: number;
        if (k < end) {
          a = order[k++];
          if (sorted && base + cost[a] >= bound) {
            k = end;
            continue;
          }
        } else if (reverse >= 0) {
          a = reverse;
          reverse = reverseNext[reverse];
        } else break;
        if (residual[a] === 0) continue;
        const v = head[a];
        if (settledIn[v] === search) continue;
        const candidate = base + cost[a] - potential[v];
        if (candidate >= bound) continue;
        if (reachedIn[v] !== search || candidate < distance[v]) {
          if (v === sink) bound = candidate;
          reachedIn[v] = search;
          distance[v] = candidate;
          viaArc[v] = a;
          heap.push(candidate, v);
        }
      }
    }
    throw new Error(`node ${source} cannot reach the sink: give every source an arc to it`);
  }
}

/** Binary min-heap of nodes by key, with each node at most once: pushing a node again lowers its key. */
class MinHeap {
  private readonly keys: Float64Array;
  private readonly nodes: Int32Array;
  /** Per node its place in the heap, -1 when it is not in it. */
  private readonly place: Int32Array;
  size = 0;

  constructor(nodeCount: number) {
    this.keys = new Float64Array(nodeCount);
    this.nodes = new Int32Array(nodeCount);
    this.place = new Int32Array(nodeCount).fill(-1);
  }

  clear(): void {
    for (let i = 0; i < this.size; i++) this.place[this.nodes[i]] = -1;
    this.size = 0;
  }

  /** Adds the node, or lowers its key if it is in the heap (the caller never raises it). */
  push(key: number, node: number): void {
    const at = this.place[node];
    this.siftUp(at >= 0 ? at : this.size++, key, node);
  }

  pop(): number {
    const { keys, nodes, place } = this;
    const top = nodes[0];
    place[top] = -1;
    const size = --this.size;
    if (size > 0) {
      const lastKey = keys[size];
      const lastNode = nodes[size];
      let i = 0;
      for (;;) {
        let child = 2 * i + 1;
        if (child >= size) break;
        if (child + 1 < size && keys[child + 1] < keys[child]) child++;
        if (keys[child] >= lastKey) break;
        keys[i] = keys[child];
        nodes[i] = nodes[child];
        place[nodes[i]] = i;
        i = child;
      }
      keys[i] = lastKey;
      nodes[i] = lastNode;
      place[lastNode] = i;
    }
    return top;
  }

  private siftUp(from: number, key: number, node: number): void {
    const { keys, nodes, place } = this;
    let i = from;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent] <= key) break;
      keys[i] = keys[parent];
      nodes[i] = nodes[parent];
      place[nodes[i]] = i;
      i = parent;
    }
    keys[i] = key;
    nodes[i] = node;
    place[node] = i;
  }
}
