import { NotFoundView } from '@/components/not-found-view';

export default function NotFound() {
  return (
    <main className="standalone">
      <NotFoundView back={{ href: '/', label: 'Back to the panel' }} />
    </main>
  );
}
