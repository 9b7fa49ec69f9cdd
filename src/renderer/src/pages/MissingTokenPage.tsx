import { Alert, Container } from '@mantine/core'

/** Browser mode opened without the per-run token: say how to get in, show nothing else. */
export function MissingTokenPage() {
  return (
    <Container size="sm" mt="xl">
      <Alert color="red" title="This page needs its access token" data-testid="missing-token">
        Open the full address that `ner-studio serve` printed (it ends with ?token=…). The token keeps other
        web pages from reaching your projects.
      </Alert>
    </Container>
  )
}
