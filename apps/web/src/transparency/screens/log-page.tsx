import { CheckpointCard } from './checkpoint-card.tsx';
import { ClaimsForm } from './claims-form.tsx';
import { VerificationPanel } from './verification-panel.tsx';

/** The log itself: its checkpoint, the verification run in this browser, and claims answered from it. */
export function LogPage() {
  return (
    <>
      <h1 tabIndex={-1}>Verify the transparency log</h1>
      <p class="lede">
        Anyone can check that Parley's log of government requests is append-only, that its reports were
        computed from it, and what it says about a jurisdiction, without trusting Parley.
      </p>
      <CheckpointCard />
      <VerificationPanel />
      <ClaimsForm />
    </>
  );
}
