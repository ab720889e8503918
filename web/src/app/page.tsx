import { HomeRedirect } from '@/features/session/home-redirect';

/** `/`: to the key's own area, or to the login page. */
export default function Home() {
  return <HomeRedirect />;
}
