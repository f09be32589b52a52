import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

const known = new Map<string, string>();

/**
 * An entity's columns under its alias, each named by its property (`a.person_id AS "personId"`): a query that reads
 * them gets plain rows shaped like the entity, without TypeORM's hydration. Worked out once per entity and alias.
 */
export function entityColumns(dataSource: DataSource, entity: EntityTarget<ObjectLiteral>, alias: string): string {
  const metadata = dataSource.getMetadata(entity);
  const key = `${metadata.tableName}:${alias}`;
  let columns = known.get(key);
  if (columns === undefined) {
    columns = metadata.columns
      .map((column) => `${alias}.${column.databaseName} AS "${column.propertyName}"`)
      .join(', ');
    known.set(key, columns);
  }
  return columns;
}
