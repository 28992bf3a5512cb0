// asl-validator 4.0.0 ships no type declarations; this is the part the tests use.
declare module 'asl-validator' {
  interface AslValidationResult {
    isValid: boolean;
    errors: { message?: string }[];
    errorsText(separator?: string): string;
  }
  export default function aslValidator(definition: unknown, options?: Record<string, unknown>): AslValidationResult;
}
