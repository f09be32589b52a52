import { MinCostFlow } from './min-cost-flow.js';
import { seededRandom } from '../common/seeded-random.js';

/** Workers to jobs: the most pairs first (a reward per pair), then the cheapest. */
function solveAssignment(costs: (number | null)[][]): { pairs: number; cost: number } {
  const workers = costs.length;
  const jobs = costs[0].length;
  const network = new MinCostFlow(2 + workers + jobs, 1);
  const pairArcs: { arc: number; cost: number }[] = [];
  for (let w = 0; w < workers; w++) {
    network.addSupply(2 + w, 1);
    network.addArc(2 + w, 1, 1, 1000);
    for (let j = 0; j < jobs; j++) {
      const cost = costs[w][j];
      if (cost !== null) pairArcs.push({ arc: network.addArc(2 + w, 2 + workers + j, 1, cost), cost });
    }
  }
  for (let j = 0; j < jobs; j++) network.addArc(2 + workers + j, 1, 1, 0);
  network.solve();
  const used = pairArcs.filter(({ arc }) => network.flow(arc) === 1);
  return { pairs: used.length, cost: used.reduce((sum, { cost }) => sum + cost, 0) };
}

function bruteForce(costs: (number | null)[][]): { pairs: number; cost: number } {
  let best = { pairs: 0, cost: 0 };
  const taken = new Set<number>();
  const visit = (w: number, pairs: number, cost: number) => {
    if (w === costs.length) {
      if (pairs > best.pairs || (pairs === best.pairs && cost < best.cost)) best = { pairs, cost };
      return;
    }
    visit(w + 1, pairs, cost);
    costs[w].forEach((c, j) => {
      if (c === null || taken.has(j)) return;
      taken.add(j);
      visit(w + 1, pairs + 1, cost + c);
      taken.delete(j);
    });
  };
  visit(0, 0, 0);
  return best;
}

interface Arc {
  tail: number;
  head: number;
  capacity: number;
  cost: number;
}

/**
 * The least cost of sending every supply to the sink, by successive shortest paths found with Bellman-Ford from
 * all the supply left at once: slow and plain, to check the solver against.
 */
function referenceCost(nodes: number, sink: number, supplies: number[], arcs: Arc[]): number {
  const residual = arcs.flatMap(({ tail, head, capacity, cost }) => [
    { from: tail, to: head, room: capacity, cost },
    { from: head, to: tail, room: 0, cost: -cost },
  ]);
  const left = [...supplies];
  left[sink] = 0;
  let total = 0;
  while (left.some((supply) => supply > 0)) {
    const distance = left.map((supply) => (supply > 0 ? 0 : Infinity));
    const via = new Array<number>(nodes).fill(-1);
    for (let round = 0; round < nodes; round++)
      residual.forEach(({ from, to, room, cost }, r) => {
        if (room > 0 && distance[from] + cost < distance[to]) [distance[to], via[to]] = [distance[from] + cost, r];
      });
    let amount = Infinity;
    let v = sink;
    for (; via[v] >= 0; v = residual[via[v]].from) amount = Math.min(amount, residual[via[v]].room);
    amount = Math.min(amount, left[v]);
    left[v] -= amount;
    for (let u = sink; via[u] >= 0; u = residual[via[u]].from) {
      residual[via[u]].room -= amount;
      residual[via[u] ^ 1].room += amount;
    }
    total += amount * distance[sink];
  }
  return total;
}

describe('MinCostFlow', () => {
  it.each([
    ['no arc deferred', 0],
    ['most arcs deferred', 0.7],
  ])(
    'costs what a plain Bellman-Ford reference costs, and sends every supply to the sink (300 random networks, %s)',
    (_, deferShare) => {
      for (let seed = 1; seed <= 300; seed++) {
        const next = seededRandom(seed);
        const draw = (below: number) => Math.floor(next() * below);
        const nodes = 2 + draw(9);
        const sink = draw(nodes);
        const supplies = Array.from({ length: nodes }, (_, v) => (v === sink ? 0 : draw(5)));
        const arcs: Arc[] = supplies.map((supply, v) => ({ tail: v, head: sink, capacity: supply, cost: 10_000 }));
        for (let i = draw(4 * nodes); i > 0; i--)
          arcs.push({ tail: draw(nodes), head: draw(nodes), capacity: draw(6), cost: draw(60) });
        const network = new MinCostFlow(nodes, sink);
        supplies.forEach((supply, v) => network.addSupply(v, supply));
        const ids = arcs.map(({ tail, head, capacity, cost }) =>
          network.addArc(tail, head, capacity, cost, next() < deferShare),
        );
        network.solve();
        const balance = [...supplies];
        let cost = 0;
        arcs.forEach(({ tail, head, capacity, cost: unit }, i) => {
          const flow = network.flow(ids[i]);
          expect(flow >= 0 && flow <= capacity).toBe(true);
          balance[tail] -= flow;
          balance[head] += flow;
          cost += flow * unit;
        });
        balance[sink] = 0;
        expect({ seed, balance, cost }).toEqual({
          seed,
          balance: new Array<number>(nodes).fill(0),
          cost: referenceCost(nodes, sink, supplies, arcs),
        });
      }
    },
  );

  it('costs the same with deferred arcs as without, also when more pay than are taken in at once (20 networks of 20,000 arcs)', () => {
    // Sources 1–499 each reach the sink alone at a high price or through any of the hubs 500–999 cheaply, so at
    // first thousands of deferred arcs pay: more than one pricing takes in.
    for (let seed = 1; seed <= 20; seed++) {
      const next = seededRandom(seed);
      const draw = (below: number) => Math.floor(next() * below);
      const arcs: (Arc & { deferred: boolean })[] = [];
      for (let v = 1; v < 500; v++) arcs.push({ tail: v, head: 0, capacity: 3, cost: 10_000, deferred: false });
      for (let v = 500; v < 1_000; v++) arcs.push({ tail: v, head: 0, capacity: 2, cost: draw(50), deferred: false });
      for (let i = 0; i < 20_000; i++)
        arcs.push({
          tail: 1 + draw(499),
          head: 500 + draw(500),
          capacity: 1 + draw(2),
          cost: draw(500),
          deferred: next() < 0.95,
        });
      const cost = (defer: boolean) => {
        const network = new MinCostFlow(1_000, 0);
        for (let v = 1; v < 500; v++) network.addSupply(v, 3);
        const ids = arcs.map((arc) =>
          network.addArc(arc.tail, arc.head, arc.capacity, arc.cost, defer && arc.deferred),
        );
        network.solve();
        return arcs.reduce((sum, arc, i) => sum + network.flow(ids[i]) * arc.cost, 0);
      };
      expect({ seed, cost: cost(true) }).toEqual({ seed, cost: cost(false) });
    }
  });

  it('finds the most pairs at the least cost, as an exhaustive search does (200 random cases)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const next = seededRandom(seed);
      const workers = 1 + Math.floor(next() * 5);
      const jobs = 1 + Math.floor(next() * 5);
      const costs = Array.from({ length: workers }, () =>
        Array.from({ length: jobs }, () => (next() < 0.3 ? null : Math.floor(next() * 50))),
      );
      expect({ seed, ...solveAssignment(costs) }).toEqual({ seed, ...bruteForce(costs) });
    }
  });

  it('keeps every flow within its capacity, conserves it, and sends every supply to the sink', () => {
    const next = seededRandom(7);
    const nodes = 12;
    const sink = 0;
    const network = new MinCostFlow(nodes, sink);
    const arcs: { tail: number; head: number; capacity: number; arc: number }[] = [];
    const supplies = new Array<number>(nodes).fill(0);
    for (let v = 1; v < nodes; v++) {
      supplies[v] = Math.floor(next() * 4);
      network.addSupply(v, supplies[v]);
      arcs.push({ tail: v, head: sink, capacity: supplies[v], arc: network.addArc(v, sink, supplies[v], 500) });
    }
    for (let i = 0; i < 60; i++) {
      const tail = Math.floor(next() * nodes);
      const head = Math.floor(next() * nodes);
      const capacity = Math.floor(next() * 9);
      arcs.push({ tail, head, capacity, arc: network.addArc(tail, head, capacity, Math.floor(next() * 40)) });
    }
    network.solve();
    const balance = supplies.map((supply) => -supply);
    for (const { tail, head, capacity, arc } of arcs) {
      const flow = network.flow(arc);
      expect(flow).toBeGreaterThanOrEqual(0);
      expect(flow).toBeLessThanOrEqual(capacity);
      balance[tail] += flow;
      balance[head] -= flow;
    }
    balance[sink] += supplies.reduce((sum, supply) => sum + supply, 0);
    expect(balance).toEqual(new Array<number>(nodes).fill(0));
  });

  it('leaves a supply unserved when serving it costs more than leaving it', () => {
    const network = new MinCostFlow(3, 0);
    network.addSupply(1, 5);
    const unserved = network.addArc(1, 0, 5, 10);
    const served = network.addArc(1, 2, 5, 6);
    network.addArc(2, 0, 5, 5);
    network.solve();
    expect([network.flow(unserved), network.flow(served)]).toEqual([5, 0]);
  });

  it('refuses a fractional or negative capacity or cost', () => {
    const network = new MinCostFlow(2, 0);
    expect(() => network.addArc(0, 1, 1.5, 0)).toThrow(RangeError);
    expect(() => network.addArc(0, 1, 1, 0.5)).toThrow(RangeError);
    expect(() => network.addArc(0, 1, 1, -1)).toThrow(RangeError);
  });
});
