import type { Command } from 'commander';
import { CreateBrandDocument, ListBrandsDocument, type BrandFieldsFragment } from '@hostplane/schema/sdk';
import { printFields, printJson, printTable, type Column } from '../output.js';
import { assertNoUserErrors, describeOperation } from '../results.js';
import type { Runtime } from '../runtime.js';

const brandColumns: readonly Column<BrandFieldsFragment>[] = [
  { header: 'ID', value: (brand) => brand.id },
  { header: 'NAME', value: (brand) => brand.name },
  { header: 'BASE HOSTNAME', value: (brand) => brand.baseHostname },
  { header: 'NAME SERVERS', value: (brand) => brand.nsHostnames.join(', ') },
];

interface CreateOptions {
  name: string;
  baseHostname: string;
  nameservers: string;
  hostmaster: string;
}

/** `hostctl brands list|create`: the brands tenants are created under (a fresh platform has none). */
export function registerBrandCommands(program: Command, runtime: Runtime): void {
  const brands = program.command('brands').description('Brands (the hosting company’s own, or resellers’).');

  brands
    .command('list')
    .description(describeOperation('ListBrands'))
    .action(async () => {
      const { brands: page } = await runtime.client().query(ListBrandsDocument, { first: 100 });
      const rows = page.edges.map((edge) => edge.node);
      if (runtime.output === 'json') return printJson({ totalCount: page.totalCount, brands: rows });
      printTable(rows, brandColumns, 'no brands');
    });

  brands
    .command('create')
    .description(describeOperation('CreateBrand'))
    .requiredOption('--name <name>', '2 to 40 lowercase letters, digits and dashes')
    .requiredOption('--base-hostname <host>', 'e.g. hosting.example.com (service hostnames live under it)')
    .requiredOption('--nameservers <hosts>', 'name server hostnames, comma-separated (at least two)')
    .requiredOption('--hostmaster <email>', 'hostmaster e-mail address')
    .action(async (options: CreateOptions) => {
      const input = {
        name: options.name,
        baseHostname: options.baseHostname,
        nsHostnames: options.nameservers.split(',').map((host) => host.trim()),
        hostmasterEmail: options.hostmaster,
      };
      const { createBrand } = await runtime.client().mutate(CreateBrandDocument, { input });
      assertNoUserErrors(createBrand.userErrors);
      const brand = createBrand.brand!;
      if (runtime.output === 'json') return printJson(brand);
      printFields({ id: brand.id, name: brand.name, 'base hostname': brand.baseHostname });
    });
}
