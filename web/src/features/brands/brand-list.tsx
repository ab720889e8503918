'use client';
import { useQuery } from '@apollo/client/react';
import Link from 'next/link';
import { Pager, useCursorPages } from '@/components/pager';
import { QueryState } from '@/components/query-state';
import { useViewer } from '@/features/session/require-session';
import { ListBrandsDocument } from '@/generated/graphql';
import { formatDateTime } from '@/lib/format';
import { TableHead } from '@/components/table-head';

const PAGE_SIZE = 25;

export function BrandList() {
  const { isPlatformAdmin } = useViewer();
  const pages = useCursorPages();
  const { data, loading, error } = useQuery(ListBrandsDocument, {
    variables: { first: PAGE_SIZE, after: pages.after },
  });
  const brands = data?.brands;
  return (
    <section aria-labelledby="brands-title">
      <header className="page-header">
        <h1 id="brands-title">Brands</h1>
        {isPlatformAdmin ? (
          <Link href="/admin/brands/new" className="button primary">
            New brand
          </Link>
        ) : null}
      </header>
      <QueryState loading={loading} error={error} hasData={Boolean(brands)} what="brand list" />
      {brands ? (
        <>
          <table className="table" aria-labelledby="brands-title">
            <TableHead columns={['Name', 'Base hostname', 'Name servers', 'Created']} />
            <tbody>
              {brands.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>
                    <Link href={`/admin/brands/${encodeURIComponent(node.id)}`}>{node.name}</Link>
                  </td>
                  <td>{node.baseHostname}</td>
                  <td>{node.nsHostnames.join(', ')}</td>
                  <td className="nowrap">{formatDateTime(node.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager label="Brand list" pages={pages} pageSize={PAGE_SIZE} connection={brands} />
        </>
      ) : null}
    </section>
  );
}
