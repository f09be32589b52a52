// Only a module's repository speaks to the database (docs/ARCHITECTURE.md): elsewhere in src/ no DataSource, no
// EntityManager, no `@nestjs/typeorm` injection and no `.query(...)`. Services open a transaction with
// `Transactions` (src/database/transactions.ts) and hand its `Tx` to the repositories they call.
const message = 'Only *.repository.ts files speak SQL: call the owning module (docs/ARCHITECTURE.md).';

export function repositoriesOnly() {
  return [
    {
      files: ['src/**/*.ts'],
      ignores: ['src/**/*.repository.ts', 'src/database/**', 'src/*.ts', 'src/**/*.spec.ts'],
      rules: {
        'no-restricted-syntax': [
          'error',
          { selector: "ImportDeclaration[source.value='@nestjs/typeorm']", message },
          {
            selector:
              "ImportDeclaration[source.value='typeorm'] ImportSpecifier[imported.name=/^(DataSource|EntityManager|QueryRunner)$/]",
            message,
          },
          { selector: "CallExpression[callee.property.name='query']", message },
        ],
      },
    },
  ];
}
