import { Component, Suspense, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Button from '@mui/material/Button';
import { LoadingState } from './states.tsx';

interface Props {
  pluginId: string;
  children: ReactNode;
  /** A smaller message for cards; pages get the full panel. */
  compact?: boolean;
}

interface State {
  error: Error | undefined;
}

/**
 * Wraps everything a plugin renders: a plugin that throws shows its own
 * error here and the rest of the app keeps working.
 */
export class PluginErrorBoundary extends Component<Props, State> {
  override state: State = { error: undefined };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error) {
    console.error(`Plugin '${this.props.pluginId}' failed to render`, error);
  }

  override render() {
    if (this.state.error) {
      return (
        <Alert
          severity="error"
          sx={{ my: this.props.compact ? 0 : 2 }}
          action={
            <Button color="inherit" size="small" onClick={() => this.setState({ error: undefined })}>
              Try again
            </Button>
          }
        >
          <AlertTitle>The {this.props.pluginId} plugin failed</AlertTitle>
          {this.state.error.message || 'It threw an error while rendering.'} The rest of Callboard still works; reload
          the page to try again, or tell the plugin's owners.
        </Alert>
      );
    }
    return <Suspense fallback={<LoadingState />}>{this.props.children}</Suspense>;
  }
}
