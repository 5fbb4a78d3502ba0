#!/usr/bin/env bash
# Builds the Lambda jars, uploads them to an artifacts bucket and deploys infra-cloudformation/template.yaml as the
# stack emotion-analyser-<stage>. See infra-cloudformation/README.md ("Deploy to AWS") for prerequisites and costs.
set -euo pipefail

usage() {
  cat <<'EOF'
Usage: infra-cloudformation/deploy.sh [options]

Builds the jars (mvn -DskipTests package), uploads them to the artifacts bucket (created if missing) under keys
named by their SHA-256, and deploys the stack "emotion-analyser-<stage>" with aws cloudformation deploy.

Options:
  --stage NAME              deployment stage, 1-10 of [a-z0-9-] (default: dev)
  --region REGION           AWS region (default: $AWS_REGION, else $AWS_DEFAULT_REGION, else the CLI's configured one)
  --artifacts-bucket NAME   bucket for jars and the packaged template
                            (default: emotion-analyser-artifacts-<account>-<region>)
  --admin-key-sha256 HEX    hex SHA-256 of the admin API key. Required on the first deploy; later deploys keep the
                            stored value when omitted. Also read from $ADMIN_KEY_SHA256. Make one with:
                              key=$(openssl rand -hex 32); printf %s "$key" | sha256sum
  --alarm-email ADDRESS     subscribe this address to the alarm topic
  --parameter KEY=VALUE     any other template parameter (repeatable), e.g. EmotionThreshold=60
  --skip-build              use the jars already in */target
  --dry-run                 create the change set and print it, without executing it
  -h, --help                this text

After a deploy the stack outputs are printed, postman/aws.postman_environment.json gets baseUrl = ApiUrl, and the
mood monitor page (local/runtime/src/main/resources/dashboard/index.html) is uploaded to the page bucket with the
API's URL written into it; its address (PageUrl, a CloudFront URL) is printed last.

Teardown (per-tenant queues, rules, topics and mappings are created at run time, outside the stack):
  1. delete every tenant through the API:    DELETE {ApiUrl}/tenants/{tenantId}   (admin key)
  2. empty the versioned bucket (all versions and delete markers), e.g.
       aws s3api delete-objects --bucket BUCKET --delete "$(aws s3api list-object-versions --bucket BUCKET \
         --output json --query '{Objects: [Versions,DeleteMarkers][][].{Key:Key,VersionId:VersionId}}')"
     (repeat while objects remain; at most 1000 per call), and the page bucket:
       aws s3 rm s3://PAGE_BUCKET/index.html      (PageBucketName in the stack outputs)
  3. aws cloudformation delete-stack --stack-name emotion-analyser-<stage> && \
     aws cloudformation wait stack-delete-complete --stack-name emotion-analyser-<stage>
  4. optionally remove the artifacts bucket: aws s3 rb s3://ARTIFACTS_BUCKET --force
  A "prod" stage has deletion protection on its tables: turn it off first (aws dynamodb update-table
  --table-name ... --no-deletion-protection-enabled).
EOF
}

fail() {
  echo "deploy.sh: $*" >&2
  exit 1
}

stage=dev
region="${AWS_REGION:-${AWS_DEFAULT_REGION:-}}"
artifacts_bucket=""
admin_key_sha256="${ADMIN_KEY_SHA256:-}"
alarm_email=""
extra_parameters=()
skip_build=false
dry_run=false

while [[ $# -gt 0 ]]; do
  case "$1" in
    --stage) stage="${2:?--stage needs a value}"; shift 2 ;;
    --region) region="${2:?--region needs a value}"; shift 2 ;;
    --artifacts-bucket) artifacts_bucket="${2:?--artifacts-bucket needs a value}"; shift 2 ;;
    --admin-key-sha256) admin_key_sha256="${2:?--admin-key-sha256 needs a value}"; shift 2 ;;
    --alarm-email) alarm_email="${2:?--alarm-email needs a value}"; shift 2 ;;
    --parameter) extra_parameters+=("${2:?--parameter needs KEY=VALUE}"); shift 2 ;;
    --skip-build) skip_build=true; shift ;;
    --dry-run) dry_run=true; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; fail "unknown option '$1'" ;;
  esac
done

[[ "$stage" =~ ^[a-z][a-z0-9-]{0,9}$ ]] || fail "--stage must be 1-10 of [a-z0-9-], starting with a letter"
# The template serves the mood monitor page from CloudFront on every stage but "local", local mode's own.
[[ "$stage" != local ]] || fail "--stage local is reserved for local mode (it serves the page itself); pick another name"
if [[ -n "$admin_key_sha256" && ! "$admin_key_sha256" =~ ^[0-9a-f]{64}$ ]]; then
  fail "the admin key hash must be 64 lower-case hex characters (printf %s \"\$key\" | sha256sum)"
fi
command -v aws >/dev/null || fail "the AWS CLI is not installed (https://aws.amazon.com/cli/)"

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo_root="$(cd "$script_dir/.." && pwd)"
stack="emotion-analyser-${stage}"
page_source="$repo_root/local/runtime/src/main/resources/dashboard/index.html"
[[ -f "$page_source" ]] || fail "the mood monitor page is missing: $page_source"

if [[ -z "$region" ]]; then
  region="$(aws configure get region || true)"
fi
[[ -n "$region" ]] || fail "no region: pass --region or set AWS_REGION"
export AWS_REGION="$region" AWS_DEFAULT_REGION="$region"

account="$(aws sts get-caller-identity --query Account --output text)" \
  || fail "no AWS credentials: configure them (aws configure, or AWS_PROFILE) and retry"
artifacts_bucket="${artifacts_bucket:-emotion-analyser-artifacts-${account}-${region}}"

sha256_of() {
  if command -v sha256sum >/dev/null; then sha256sum "$1" | cut -d' ' -f1; else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

# The single shaded Lambda jar of a module.
lambda_jar() {
  local module="$1" jars
  shopt -s nullglob
  jars=("$repo_root/$module/target/$module"-*-lambda.jar)
  shopt -u nullglob
  [[ ${#jars[@]} -eq 1 ]] || fail "expected one $module/target/$module-*-lambda.jar, found ${#jars[@]}; run without --skip-build"
  echo "${jars[0]}"
}

if [[ "$skip_build" == false ]]; then
  command -v mvn >/dev/null || fail "Maven (mvn) is not installed; it builds the Lambda jars"
  echo "Building the Lambda jars..."
  (cd "$repo_root" && mvn -q -DskipTests package)
fi
ingest_jar="$(lambda_jar ingest)"
tenants_jar="$(lambda_jar tenants)"

if ! aws s3api head-bucket --bucket "$artifacts_bucket" >/dev/null 2>&1; then
  echo "Creating artifacts bucket $artifacts_bucket..."
  if [[ "$region" == us-east-1 ]]; then
    aws s3api create-bucket --bucket "$artifacts_bucket" >/dev/null
  else
    aws s3api create-bucket --bucket "$artifacts_bucket" \
      --create-bucket-configuration "LocationConstraint=$region" >/dev/null
  fi
  aws s3api put-public-access-block --bucket "$artifacts_bucket" --public-access-block-configuration \
    BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true
  aws s3api put-bucket-encryption --bucket "$artifacts_bucket" --server-side-encryption-configuration \
    '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"}}]}'
fi

# Keys named by content: an unchanged jar is not uploaded again and does not publish new function versions.
upload_jar() {
  local jar="$1" module="$2" key
  key="lambda/${module}-$(sha256_of "$jar").jar"
  if ! aws s3api head-object --bucket "$artifacts_bucket" --key "$key" >/dev/null 2>&1; then
    echo "Uploading $(basename "$jar") to s3://$artifacts_bucket/$key" >&2
    aws s3 cp --only-show-errors "$jar" "s3://$artifacts_bucket/$key" >&2
  fi
  echo "$key"
}
ingest_key="$(upload_jar "$ingest_jar" ingest)"
tenants_key="$(upload_jar "$tenants_jar" tenants)"

stack_exists=true
aws cloudformation describe-stacks --stack-name "$stack" >/dev/null 2>&1 || stack_exists=false
if [[ -z "$admin_key_sha256" && "$stack_exists" == false ]]; then
  fail "the first deploy needs --admin-key-sha256 (or ADMIN_KEY_SHA256); see --help"
fi

parameters=(
  "Stage=$stage"
  "ArtifactsBucket=$artifacts_bucket"
  "IngestJarKey=$ingest_key"
  "TenantsJarKey=$tenants_key"
)
[[ -n "$admin_key_sha256" ]] && parameters+=("AdminKeySha256=$admin_key_sha256")
[[ -n "$alarm_email" ]] && parameters+=("AlarmEmail=$alarm_email")
parameters+=("${extra_parameters[@]+"${extra_parameters[@]}"}")

deploy_arguments=(
  --template-file "$script_dir/template.yaml"
  --stack-name "$stack"
  # The template is over the 51,200-byte limit for inline templates, so it goes through the artifacts bucket.
  --s3-bucket "$artifacts_bucket"
  --s3-prefix templates
  --capabilities CAPABILITY_IAM
  --parameter-overrides "${parameters[@]}"
  --tags "project=emotion-analyser" "stage=$stage"
  --no-fail-on-empty-changeset
)

if [[ "$dry_run" == true ]]; then
  aws cloudformation deploy "${deploy_arguments[@]}" --no-execute-changeset >/dev/null
  change_set="$(aws cloudformation list-change-sets --stack-name "$stack" \
    --query 'sort_by(Summaries, &CreationTime)[-1].ChangeSetId' --output text)"
  if [[ -z "$change_set" || "$change_set" == None ]]; then
    echo "No changes: the stack already matches the template and parameters."
    exit 0
  fi
  echo "Change set (not executed): $change_set"
  aws cloudformation describe-change-set --change-set-name "$change_set" \
    --query 'Changes[].ResourceChange.{Action: Action, LogicalId: LogicalResourceId, Type: ResourceType, Replacement: Replacement}' \
    --output table
  echo "Execute it with: aws cloudformation execute-change-set --change-set-name $change_set"
  echo "Discard it with: aws cloudformation delete-change-set --change-set-name $change_set"
  exit 0
fi

echo "Deploying stack $stack in $region..."
aws cloudformation deploy "${deploy_arguments[@]}"

aws cloudformation describe-stacks --stack-name "$stack" \
  --query 'Stacks[0].Outputs[].{Output: OutputKey, Value: OutputValue}' --output table

stack_output() {
  aws cloudformation describe-stacks --stack-name "$stack" \
    --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text
}
api_url="$(stack_output ApiUrl)"

# The Postman environment for AWS: set baseUrl, keep every other value (and never write a key into it).
environment_file="$repo_root/postman/aws.postman_environment.json"
if command -v jq >/dev/null; then
  if [[ -f "$environment_file" ]]; then
    updated="$(jq --arg url "$api_url" '
      if any(.values[]; .key == "baseUrl")
      then .values |= map(if .key == "baseUrl" then .value = $url else . end)
      else .values += [{key: "baseUrl", value: $url, type: "default", enabled: true}] end' "$environment_file")"
  else
    mkdir -p "$(dirname "$environment_file")"
    updated="$(jq -n --arg url "$api_url" '{
      name: "emotion-analyser aws",
      values: [
        {key: "baseUrl", value: $url, type: "default", enabled: true},
        {key: "adminKey", value: "", type: "secret", enabled: true}
      ],
      _postman_variable_scope: "environment"}')"
  fi
  printf '%s\n' "$updated" > "$environment_file"
  echo "Wrote baseUrl=$api_url to postman/aws.postman_environment.json (set adminKey in Postman, not in the file)."
else
  echo "jq is not installed: set baseUrl=$api_url in postman/aws.postman_environment.json yourself."
fi

# The mood monitor page: the same file local mode serves, with the API's URL written into its
# <meta name="emotion-analyser-api"> tag and the API's origin added to its Content-Security-Policy connect-src
# (the API answers only the page's origin; see PageCorsOrigin in the template).
page_bucket="$(stack_output PageBucketName)"
page_url="$(stack_output PageUrl)"
[[ "$api_url" =~ ^https://[a-z0-9.-]+(/[A-Za-z0-9_-]+)?$ ]] || fail "unexpected ApiUrl output '$api_url'"
[[ -n "$page_bucket" && "$page_bucket" != None ]] || fail "the stack has no PageBucketName output"
api_origin="${api_url%"${api_url#https://*/}"}"
api_origin="${api_origin%/}"
page_file="$(mktemp)"
trap 'rm -f "$page_file"' EXIT
sed -e "s|<meta name=\"emotion-analyser-api\" content=\"\">|<meta name=\"emotion-analyser-api\" content=\"$api_url\">|" \
    -e "s|connect-src 'self';|connect-src 'self' $api_origin;|" "$page_source" > "$page_file"
grep -q "content=\"$api_url\"" "$page_file" && grep -q "connect-src 'self' $api_origin;" "$page_file" \
  || fail "could not write the API URL into the page: $page_source no longer has the meta tag or connect-src it expects"
aws s3 cp --only-show-errors --content-type 'text/html; charset=utf-8' --cache-control no-cache \
  "$page_file" "s3://$page_bucket/index.html"
echo "Mood monitor page: $page_url"
