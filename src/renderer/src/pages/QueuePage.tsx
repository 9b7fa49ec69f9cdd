/**
 * Active learning at a glance: which order the labelling queue follows, background scoring of the
 * pool with the active model, the next documents with their scores, and the learning curve of dev F1
 * against the number of training sentences behind each model version.
 */
import { LineChart } from '@mantine/charts'
import {
  Alert,
  Button,
  Card,
  Group,
  NumberInput,
  Progress,
  SegmentedControl,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useEffect, useState } from 'react'
import type { QueueOrderName, ScoringState } from '../../../shared/api/features/queue'
import { useApi } from '../api/context'
import { errorSentence, useCall } from '../api/hooks'
import { navigate } from '../router'

const ORDERS: { value: QueueOrderName; label: string; hint: string }[] = [
  { value: 'import', label: 'Import order', hint: 'Documents in the order they were imported.' },
  {
    value: 'random',
    label: 'Random',
    hint: 'A reproducible shuffle: the baseline the others are measured against.',
  },
  {
    value: 'least-confidence',
    label: 'Least confidence',
    hint: 'Documents whose best labelling the model finds least likely.',
  },
  { value: 'margin', label: 'Margin', hint: 'Documents with a word whose two best labels are closest.' },
  {
    value: 'entropy',
    label: 'Entropy',
    hint: 'Documents with the most uncertainty summed over their words.',
  },
  {
    value: 'mnlp',
    label: 'MNLP',
    hint: 'Least likely labelling per word (length-normalised), after Shen et al. 2017.',
  },
]

export function QueuePage() {
  const api = useApi()
  const status = useCall('queue.status', {})
  const list = useCall('queue.list', { limit: 15 })
  const models = useCall('models.list', {})
  const policy = useCall('training.retrainPolicy', {})
  const setPolicy = (auto: boolean, every: number) =>
    void api.invoke('training.setRetrainPolicy', { auto, every }).then(policy.reload, fail('Not changed'))
  const [scoring, setScoring] = useState<ScoringState | null>(null)
  useEffect(() => api.on('queue.progress', setScoring), [api])
  const live = scoring ?? status.data?.scoring
  const strategy = status.data?.strategy ?? 'import'
  const fail = (title: string) => (err: unknown) =>
    notifications.show({ color: 'red', title, message: errorSentence(err) })

  const curve = (models.data ?? [])
    .filter((m) => m.devF1 !== null && m.trainSentences !== null)
    .map((m) => ({ sentences: m.trainSentences!, F1: Math.round(1000 * m.devF1!) / 10 }))
    .sort((a, b) => a.sentences - b.sentences)

  return (
    <Stack maw={1000}>
      <Title order={3}>Active learning</Title>
      <Card withBorder>
        <Text fw={600} mb="xs">
          Queue order
        </Text>
        <SegmentedControl
          fullWidth
          value={strategy}
          onChange={(v) =>
            void api.invoke('queue.setStrategy', { strategy: v as QueueOrderName }).catch(fail('Not changed'))
          }
          data={ORDERS.map((o) => ({ value: o.value, label: o.label }))}
          data-testid="queue-strategy"
        />
        <Text size="sm" c="dimmed" mt="xs">
          {ORDERS.find((o) => o.value === strategy)?.hint} The editor&apos;s Next follows this order.
        </Text>
      </Card>
      <Card withBorder>
        <Group justify="space-between">
          <div>
            <Text fw={600}>Scores of the pool</Text>
            <Text size="sm" c="dimmed" data-testid="queue-scored">
              {status.data
                ? `${status.data.scored.toLocaleString()} of ${status.data.todo.toLocaleString()} documents to do are scored`
                : ''}
              {live?.modelVersion ? ` by model version ${live.modelVersion}` : ''}.
            </Text>
          </div>
          <Button
            onClick={() => void api.invoke('queue.score', {}).catch(fail('Scoring did not start'))}
            loading={live?.running}
            data-testid="queue-score"
          >
            Score now
          </Button>
        </Group>
        {live?.running && live.total > 0 && (
          <Progress mt="sm" value={(100 * live.done) / live.total} animated aria-label="Scoring progress" />
        )}
        {live?.error && (
          <Alert color="red" mt="sm">
            {live.error}
          </Alert>
        )}
      </Card>
      <Card withBorder>
        <Group justify="space-between" align="end">
          <div>
            <Text fw={600}>Background retraining</Text>
            <Text size="sm" c="dimmed" data-testid="retrain-status">
              {policy.data
                ? `${policy.data.doneSinceModel} documents marked done since the active model was trained.`
                : ''}
            </Text>
          </div>
          <Group align="end">
            <Switch
              label="Retrain automatically"
              checked={policy.data?.auto ?? true}
              onChange={(e) => setPolicy(e.currentTarget.checked, policy.data?.every ?? 20)}
            />
            <NumberInput
              label="after every … done documents"
              min={1}
              max={100000}
              w={190}
              value={policy.data?.every ?? 20}
              onChange={(v) => Number(v) >= 1 && setPolicy(policy.data?.auto ?? true, Number(v))}
            />
            <Button
              variant="default"
              onClick={() =>
                void api.invoke('training.retrainNow', {}).catch(fail('Retraining did not start'))
              }
            >
              Retrain now
            </Button>
          </Group>
        </Group>
        <Text size="xs" c="dimmed" mt="xs">
          A retrain starts from the active model, then the pool is scored again, so suggestions and the queue
          follow the newest model. The first model is trained from the Train page.
        </Text>
      </Card>
      <Card withBorder>
        <Text fw={600} mb="xs">
          Next in the queue
        </Text>
        <Table highlightOnHover data-testid="queue-list">
          <Table.Tbody>
            {list.data?.map((d) => (
              <Table.Tr
                key={d.id}
                style={{ cursor: 'pointer' }}
                onClick={() => navigate({ page: 'editor', documentId: d.id })}
              >
                <Table.Td w={70}>#{d.id}</Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={1}>
                    {d.preview}
                  </Text>
                </Table.Td>
                <Table.Td w={90} ta="right">
                  {d.score === null ? '–' : d.score.toFixed(3)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <Card withBorder>
        <Text fw={600} mb="xs">
          Learning curve
        </Text>
        {curve.length === 0 ? (
          <Text size="sm" c="dimmed">
            Each trained model version adds a point: dev F1 against the training sentences it saw.
          </Text>
        ) : (
          <LineChart
            h={220}
            data={curve}
            dataKey="sentences"
            series={[{ name: 'F1', color: 'teal.6' }]}
            yAxisProps={{ domain: [0, 100] }}
            xAxisLabel="training sentences"
            yAxisLabel="dev F1"
          />
        )}
      </Card>
    </Stack>
  )
}
