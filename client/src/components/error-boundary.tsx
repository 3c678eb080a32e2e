import { Component, type ErrorInfo, type ReactNode } from 'react';
import { ErrorView } from './error-view';

/**
 * Catches a rendering error of the screen below and shows it instead of a blank page; `resetKey`
 * (the current path) clears it on navigation.
 */
export class ErrorBoundary extends Component<{ children: ReactNode; resetKey: string; title: string }, { error: Error | null; key: string }> {
  override state: { error: Error | null; key: string } = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: { resetKey: string }, state: { error: Error | null; key: string }) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('screen failed to render', error, info.componentStack);
  }

  override render() {
    if (this.state.error) return <ErrorView error={this.state.error} title={this.props.title} />;
    return this.props.children;
  }
}
