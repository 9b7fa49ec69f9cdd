/**
 * One click trains the from-scratch model with sensible defaults; the page shows the device, a
 * progress bar with the time left, live loss and dev-F1 curves, and at the end the new model version
 * with its per-label scores.
 */
import { LineChart } from '@mantine/charts'
import {
  Alert,
  Anchor,
  TextInput,
  Badge,
  Button,
  Card,
  Collapse,
  Group,
  NumberInput,
  Progress,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useEffect, useState } from 'react'
import { TRAINING_DEFAULTS, type TrainingSettings } from '../../../shared/api/features/training'
import { useApi } from '../api/context'
import { errorSentence, useCall } from '../api/hooks'
import { MetricsTable } from '../components/train/MetricsTable'
import { useTraining } from '../components/train/useTraining'
import { navigate } from '../router'

function formatEta(sec: number): string {
  if (!Number.isFinite(sec)) return ''
  if (sec < 60) return `${Math.ceil(sec)} s left`
  return `${Math.floor(sec / 60)} min ${Math.ceil(sec % 60)} s left`
}

export function TrainPage() {
  const api = useApi()
  const info = useCall('app.info', {})
  const models = useCall('models.list', {})
  const { status, losses } = useTraining()
  const [download, setDownload] = useState<{
    model: string
    file: string
    done: number
    total: number
  } | null>(null)
  useEffect(() => api.on('training.download', setDownload), [api])
  const [settings, setSettings] = useState<TrainingSettings>(TRAINING_DEFAULTS)
  const [showSettings, setShowSettings] = useState(false)
  const running = status?.running ?? false
  const progress = status?.progress
  const epochs = status?.epochs ?? []
  const last = status?.last

  const start = () =>
    api
      .invoke('training.start', settings)
      .catch((err: unknown) =>
        notifications.show({ color: 'red', title: 'Training did not start', message: errorSentence(err) }),
      )
  const cancel = () => void api.invoke('training.cancel', {})
  const set = <K extends keyof TrainingSettings>(key: K, value: TrainingSettings[K]) =>
    setSettings((s) => ({ ...s, [key]: value }))

  const device = status?.started ?? info.data?.device
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={3}>Train</Title>
        <Group>
          {device && (
            <Badge
              size="lg"
              variant="light"
              color={device.provider === 'cuda' ? 'green' : 'gray'}
              data-testid="train-device"
            >
              {device.provider === 'cuda' ? 'GPU (CUDA)' : 'CPU'}
            </Badge>
          )}
          {running ? (
            <Button color="red" variant="light" onClick={cancel} data-testid="train-cancel">
              Cancel
            </Button>
          ) : (
            <Button onClick={() => void start()} data-testid="train-start">
              Train
            </Button>
          )}
        </Group>
      </Group>
      {device && (
        <Text size="sm" c="dimmed" data-testid="train-device-reason">
          {device.reason}
        </Text>
      )}
      <Button variant="subtle" size="xs" w="fit-content" onClick={() => setShowSettings((s) => !s)}>
        {showSettings ? 'Hide settings' : 'Settings'}
      </Button>
      <Collapse expanded={showSettings}>
        <Card withBorder>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <NumberInput
              label="Most epochs"
              min={1}
              max={1000}
              value={settings.epochs}
              onChange={(v) => set('epochs', Number(v) || 1)}
            />
            <NumberInput
              label="Batch size"
              min={1}
              max={1024}
              value={settings.batchSize}
              onChange={(v) => set('batchSize', Number(v) || 1)}
            />
            <NumberInput
              label="Learning rate"
              min={0}
              step={0.0001}
              decimalScale={6}
              value={settings.lr}
              onChange={(v) => set('lr', Number(v) || TRAINING_DEFAULTS.lr)}
            />
            <NumberInput
              label="Seed"
              min={0}
              value={settings.seed}
              onChange={(v) => set('seed', Number(v) || 0)}
            />
          </SimpleGrid>
          <TextInput
            mt="sm"
            label="Model"
            description="scratch (the from-scratch model, no download), a Hugging Face BERT checkpoint folder, or a Hub model id such as bert-base-cased"
            value={settings.model}
            onChange={(e) => set('model', e.currentTarget.value.trim() || 'scratch')}
            data-testid="train-model"
          />
          <Group mt="sm">
            <Text size="sm">Device</Text>
            <SegmentedControl
              value={settings.device}
              onChange={(v) => set('device', v as TrainingSettings['device'])}
              data={[
                { label: 'Auto', value: 'auto' },
                { label: 'CPU', value: 'cpu' },
                { label: 'CUDA', value: 'cuda' },
              ]}
            />
          </Group>
        </Card>
      </Collapse>
      {download && (
        <Stack gap={4}>
          <Progress
            value={(100 * download.done) / Math.max(1, download.total)}
            aria-label="Download progress"
          />
          <Text size="sm" c="dimmed">
            Downloading {download.model}: {download.file} ({Math.round(download.done / 1e6)} of{' '}
            {Math.round(download.total / 1e6)} MB)
          </Text>
        </Stack>
      )}
      {status?.started && (
        <Text size="sm" data-testid="train-data">
          {status.started.trainSentences.toLocaleString()} training sentences,{' '}
          {status.started.devSentences.toLocaleString()} dev sentences
          {status.started.autoDev ? ' (held out from train: no labelled dev documents)' : ''}.
          {status.started.resumedFrom !== null &&
            ` Resuming the interrupted run ${status.started.resumedFrom} from its last finished epoch.`}
        </Text>
      )}
      {status?.started?.warnings.map((w) => (
        <Alert key={w} color="yellow">
          {w}
        </Alert>
      ))}
      {(running || progress) && progress && (
        <Stack gap={4}>
          <Progress
            value={(100 * progress.step) / Math.max(1, progress.totalSteps)}
            animated={running}
            data-testid="train-progress"
          />
          <Text size="sm" c="dimmed">
            Epoch {progress.epoch} · step {progress.step} of {progress.totalSteps} ·{' '}
            {Math.round(progress.tokensPerSec).toLocaleString()} tokens/s ·{' '}
            {running ? formatEta(progress.etaSec) : 'finished'}
          </Text>
        </Stack>
      )}
      {(losses.length > 0 || epochs.length > 0) && (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Card withBorder>
            <Text fw={600} mb="xs">
              Training loss
            </Text>
            <LineChart
              h={200}
              data={losses}
              dataKey="step"
              series={[{ name: 'loss', color: 'indigo.6' }]}
              withDots={false}
              curveType="linear"
            />
          </Card>
          <Card withBorder data-testid="f1-curve">
            <Text fw={600} mb="xs">
              Dev F1 by epoch
            </Text>
            <LineChart
              h={200}
              data={epochs.map((e) => ({ epoch: e.epoch, F1: Math.round(1000 * e.dev.micro.f1) / 10 }))}
              dataKey="epoch"
              series={[{ name: 'F1', color: 'teal.6' }]}
              yAxisProps={{ domain: [0, 100] }}
            />
          </Card>
        </SimpleGrid>
      )}
      {last && !running && (
        <Alert
          color={last.status === 'done' ? 'green' : last.status === 'failed' ? 'red' : 'gray'}
          title={
            last.status === 'done'
              ? `Model version ${last.model?.version} is ready: dev F1 ${((last.model?.devF1 ?? 0) * 100).toFixed(1)}`
              : last.status === 'failed'
                ? 'Training failed'
                : 'Training was cancelled'
          }
          data-testid="train-result"
        >
          {last.message}
        </Alert>
      )}
      {last?.model?.metrics && !running && <MetricsTable metrics={last.model.metrics} />}
      {(models.data?.length ?? 0) > 0 && (
        <Text size="sm">
          {models.data!.length} model version{models.data!.length === 1 ? '' : 's'} so far;{' '}
          <Anchor onClick={() => navigate({ page: 'models' })}>
            compare and export them on the Models page
          </Anchor>
          .
        </Text>
      )}
    </Stack>
  )
}
