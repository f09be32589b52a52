/** Union–find over 0 … size − 1, with path halving: which things are connected through the pairs joined. */
export class DisjointSets {
  private readonly parent: Int32Array;

  constructor(size: number) {
    this.parent = Int32Array.from({ length: size }, (_, i) => i);
  }

  root(x: number): number {
    const { parent } = this;
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  }

  join(a: number, b: number): void {
    const rootA = this.root(a);
    const rootB = this.root(b);
    if (rootA !== rootB) this.parent[rootA] = rootB;
  }
}
