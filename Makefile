# Builds the Lambda artifact of template.yaml's ToolFunction (Metadata: BuildMethod: makefile).
# `sam build` runs `make build-ToolFunction` with ARTIFACTS_DIR set to the function's build
# directory; by hand: make build-ToolFunction ARTIFACTS_DIR=/tmp/artifact

PYTHON ?= python3

# The runtime dependencies, pinned with their hashes: docstring-parser is the package's own
# ([project] dependencies), aws-lambda-powertools the sample's (the sample extra), and theirs.
# scripts/lock-lambda.sh writes the file from pyproject.toml (tests/sample/test_build.py
# checks the two agree), so every build installs the same wheels. boto3, which only the
# DynamoDB store imports, comes with the Lambda Python runtime.
REQUIREMENTS := requirements-lambda.txt

# Lambda runs Python 3.13 on arm64 (Graviton): install wheels for that platform, never the
# build machine's, and never build from source. No .pyc: they would be the build machine's
# Python version. bin/ (jmespath's jp.py) is a command line the function never runs.
PIP_TARGET := --platform manylinux2014_aarch64 --only-binary=:all: --python-version 3.13 \
	--implementation cp

.PHONY: build-ToolFunction
build-ToolFunction:
	$(if $(ARTIFACTS_DIR),,$(error ARTIFACTS_DIR is not set: run `sam build`, or pass ARTIFACTS_DIR=<dir>))
	mkdir -p "$(ARTIFACTS_DIR)"
	cp -R agent_tools sample_tools "$(ARTIFACTS_DIR)/"
	find "$(ARTIFACTS_DIR)/agent_tools" "$(ARTIFACTS_DIR)/sample_tools" \
		-name __pycache__ -type d -prune -exec rm -rf {} +
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --no-compile --upgrade \
		--require-hashes --no-deps $(PIP_TARGET) --target "$(ARTIFACTS_DIR)" -r $(REQUIREMENTS)
	rm -rf "$(ARTIFACTS_DIR)/bin"

# The Gateway's REQUEST interceptor (template.yaml's InterceptorFunction): the same two
# packages, plus PyJWT with its crypto extra ([project.optional-dependencies] interceptor),
# pinned with their hashes by scripts/lock-lambda.sh as well (tests/sample/test_build.py
# checks them against pyproject.toml). cryptography ships abi3 wheels for Linux arm64, so
# nothing is built from source here either.
INTERCEPTOR_REQUIREMENTS := requirements-interceptor.txt

.PHONY: build-InterceptorFunction
build-InterceptorFunction:
	$(if $(ARTIFACTS_DIR),,$(error ARTIFACTS_DIR is not set: run `sam build`, or pass ARTIFACTS_DIR=<dir>))
	mkdir -p "$(ARTIFACTS_DIR)"
	cp -R agent_tools sample_tools "$(ARTIFACTS_DIR)/"
	find "$(ARTIFACTS_DIR)/agent_tools" "$(ARTIFACTS_DIR)/sample_tools" \
		-name __pycache__ -type d -prune -exec rm -rf {} +
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --no-compile --upgrade \
		--require-hashes --no-deps $(PIP_TARGET) --target "$(ARTIFACTS_DIR)" \
		-r $(INTERCEPTOR_REQUIREMENTS)
	rm -rf "$(ARTIFACTS_DIR)/bin"
